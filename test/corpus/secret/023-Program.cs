namespace Acme;

public static class Secrets
{
    public const string SupabaseServiceRoleKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2MDg5NzQxNTgzIiwibmFtZSI6InVzZXI2NDU3IiwiaWF0IjoxNzAyNjE0ODk1fQ.XQjXtZFPDKJ_Nh2xBdQ-2M7CqN9wCtjUcvZ8GN10jDo";
}
