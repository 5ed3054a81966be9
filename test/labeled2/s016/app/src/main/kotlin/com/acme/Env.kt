package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val GROQ_API_KEY = "gsk_«A52»"
}
