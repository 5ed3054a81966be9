namespace Acme;

public static class Secrets
{
    public const string ClientSecret = "your-client-secret-here";
}
