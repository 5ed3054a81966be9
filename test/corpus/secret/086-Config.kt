object Config {
    val hfToken = "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"
}
