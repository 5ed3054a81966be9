package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val OPENAI_KEY = "sk-«A20»T3BlbkFJ«A20»"
}
