package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val GEMINI_API_KEY = "AIza«u35»"
}
