class ClientTest {
    private static final String API_KEY = "fake-api-key";
}
