namespace Acme;

public static class Secrets
{
    public const string SlackBotToken = "xoxb-«d12»-«d13»-«A24»";
}
