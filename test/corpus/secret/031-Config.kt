object Config {
    val dbPassword = "«A7»!«d2»«L3»"
}
