namespace Acme;

public static class Secrets
{
    public const string StripeSecretKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
}
