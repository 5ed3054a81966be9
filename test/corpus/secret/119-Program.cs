namespace Acme;

public static class Secrets
{
    public const string SendgridApiKey = "SG.«u22».«u43»";
}
