public static class KeyVaultLoader
{
    public static async Task<string> ApiKeyAsync(SecretClient client) =>
        (await client.GetSecretAsync("vendor-api-key")).Value.Value;
}
