using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string DbPassword = "«L6»«d3»!«A5»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
