namespace Acme;

public static class Secrets
{
    public const string AnthropicApiKey = "sk-ant-api03-«u93»AA";
}
