object Config {
    val dbPassword = "password"
}
