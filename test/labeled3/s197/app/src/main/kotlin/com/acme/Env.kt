package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val DISCORD_WEBHOOK_URL = "https://discord.com/api/webhooks/«d19»/«u68»"
}
