package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val RUNNER_TOKEN = "glrt-«u20»"
    const val TIMEOUT_MS = 15_000
}
