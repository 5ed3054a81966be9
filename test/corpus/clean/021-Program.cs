namespace Acme;

public static class Secrets
{
    public const string TokenUrl = "https://oauth2.googleapis.com/token";
}
