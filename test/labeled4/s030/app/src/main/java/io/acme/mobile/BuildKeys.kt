package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val MISTRAL_API_KEY = "«A32»"
    const val TIMEOUT_MS = 15_000
}
