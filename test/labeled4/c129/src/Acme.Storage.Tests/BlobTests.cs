public class BlobTests
{
    // Azurite's well-known development account.
    private const string DevKey = "«ex:azurite»";
}
