namespace Acme;

public static class Secrets
{
    public const string StripeSecretKey = "«doc:stripe-docs-test-key»";
}
