object Secrets {
    val apiKey: String by lazy { System.getenv("API_KEY") ?: error("API_KEY is not set") }
    val dbPassword: String get() = System.getenv("DB_PASSWORD").orEmpty()
}
