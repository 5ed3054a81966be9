package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val DEEPSEEK_API_KEY = "sk-«h32»"
}
