object Config {
    val slackWebhookUrl = "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»"
}
