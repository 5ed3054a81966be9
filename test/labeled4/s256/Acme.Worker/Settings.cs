namespace Acme.Worker;

public static class Settings
{
    public const string Region = "westeurope";
    public static readonly string RegistryUrl = @"https://deploy-bot:«A28»@nexus.acme.io/repository/npm-private/";
    public static readonly int Retries = 4;
}
