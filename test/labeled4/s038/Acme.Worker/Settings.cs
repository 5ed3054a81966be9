namespace Acme.Worker;

public static class Settings
{
    public const string Region = "westeurope";
    public static readonly string TavilyApiKey = @"tvly-dev-«A32»";
    public static readonly int Retries = 4;
}
