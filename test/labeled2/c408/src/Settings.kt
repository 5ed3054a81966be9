data class Settings(val apiKey: String = System.getenv("API_KEY") ?: "", val timeoutMs: Long = 30_000)
