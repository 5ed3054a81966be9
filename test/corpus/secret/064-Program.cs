namespace Acme;

public static class Secrets
{
    public const string EncryptionKey = "3d5178786e966a1db026a46be041dda27d9473d74cac4547ab3fad5aaf3ab9e6";
}
