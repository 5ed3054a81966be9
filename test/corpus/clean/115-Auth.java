public class Auth {
    private final String apiKey = System.getenv("API_KEY");
    private String password;
    public void setPassword(String password) { this.password = password; }
}
