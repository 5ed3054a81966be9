package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val CLERK_SECRET_KEY = "sk_live_«A42»"
    const val TIMEOUT_MS = 15_000
}
