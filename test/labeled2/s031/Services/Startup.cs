using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string PerplexityApiKey = "pplx-«A48»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
