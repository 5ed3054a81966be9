[DbContext(typeof(AcmeContext))]
[Migration("20261101120000_AddSecrets")]
partial class AddSecrets
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "8.0.10");
        modelBuilder.Entity("Acme.ApiKey", b => { b.Property<string>("SecretHash").HasMaxLength(64); });
    }
}
