object Config {
    val anthropicApiKey = "${ANTHROPIC_API_KEY}"
}
