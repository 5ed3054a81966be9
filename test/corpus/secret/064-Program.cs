namespace Acme;

public static class Secrets
{
    public const string EncryptionKey = "«h64»";
}
