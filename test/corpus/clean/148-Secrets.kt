object Secrets {
    val apiKey: String = BuildConfig.API_KEY
    val password by lazy { System.getenv("DB_PASSWORD") }
}
