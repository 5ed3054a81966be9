namespace Acme;

public static class Secrets
{
    public const string SlackBotToken = "xoxb-774843609883-5345125462834-6U2YR4mo0jxQNonUGGbjEp2Y";
}
