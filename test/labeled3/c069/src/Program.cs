var apiKey = Environment.GetEnvironmentVariable("API_KEY") ?? "not-set";
