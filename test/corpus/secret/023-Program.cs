namespace Acme;

public static class Secrets
{
    public const string SupabaseServiceRoleKey = "«jwt»";
}
