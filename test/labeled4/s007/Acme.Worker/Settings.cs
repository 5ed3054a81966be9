namespace Acme.Worker;

public static class Settings
{
    public const string Region = "westeurope";
    public static readonly string AnthropicApiKey = @"sk-ant-api03-«u93»AA";
    public static readonly int Retries = 4;
}
