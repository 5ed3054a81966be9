package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val GH_TOKEN = "github_pat_«A22»_«A59»"
}
