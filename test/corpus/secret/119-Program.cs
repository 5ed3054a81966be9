namespace Acme;

public static class Secrets
{
    public const string SendgridApiKey = "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";
}
