namespace Acme;

public static class Secrets
{
    public const string AuthTokenHeader = "X-Auth-Token";
}
