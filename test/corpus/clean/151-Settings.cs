public class Settings {
    public string ApiKey { get; set; } = Environment.GetEnvironmentVariable("API_KEY");
    public string Password => Configuration["Db:Password"];
}
