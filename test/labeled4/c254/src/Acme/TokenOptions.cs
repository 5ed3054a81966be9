public class TokenOptions
{
    public string Issuer { get; set; } = "https://login.acme.dev";
    public string SigningKeyName { get; set; } = "jwt-signing-key";
    public int AccessTokenMinutes { get; set; } = 15;
}
