object Config {
    val tokenType = "Bearer"
}
