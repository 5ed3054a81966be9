using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string DeepseekApiKey = "sk-«h32»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
