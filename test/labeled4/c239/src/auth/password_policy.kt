object PasswordPolicy {
    const val MIN_LENGTH = 12
    private val weak = setOf("password", "123456", "qwerty")
    fun ok(password: String) = password.length >= MIN_LENGTH && password.lowercase() !in weak
}
