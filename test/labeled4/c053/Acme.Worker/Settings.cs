namespace Acme.Worker;

public static class Settings
{
    public const string Region = "westeurope";
    public static readonly string FigmaToken = @"sk-...";
    public static readonly int Retries = 4;
}
