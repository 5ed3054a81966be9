var clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET");
