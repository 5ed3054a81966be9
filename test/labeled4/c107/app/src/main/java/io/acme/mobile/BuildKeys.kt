package io.acme.mobile

object BuildKeys {
    const val ENDPOINT = "https://api.acme.dev"
    const val PULUMI_ACCESS_TOKEN = "@Value("${vendor.api-key}")"
    const val TIMEOUT_MS = 15_000
}
