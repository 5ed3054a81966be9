using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string DiscordBotToken = "«discord»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
