class ClientTest {
    private val client = Client(apiKey = "test_api_key", secret = "test_secret")
}
