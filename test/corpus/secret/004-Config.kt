object Config {
    val awsAccessKeyId = "AKIA«216»"
}
