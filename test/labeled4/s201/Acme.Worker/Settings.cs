namespace Acme.Worker;

public static class Settings
{
    public const string Region = "westeurope";
    public static readonly string DatabaseUrl = @"postgresql://app_rw:«A22»@pg-main.internal.acme.io:5432/orders?sslmode=require";
    public static readonly int Retries = 4;
}
