object Config {
    val slackWebhookUrl = "https://hooks.slack.com/services/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"
}
