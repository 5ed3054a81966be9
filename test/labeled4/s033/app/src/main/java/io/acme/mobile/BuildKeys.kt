package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val TOGETHER_API_KEY = "«h64»"
    const val TIMEOUT_MS = 15_000
}
