using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string CircleciToken = "CCIPAT_«A22»_«h40»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
