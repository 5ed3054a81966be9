package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val HEROKU_API_KEY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    const val TIMEOUT_MS = 15_000
}
