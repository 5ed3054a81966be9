using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string TfeToken = "«A14».atlasv1.«A67»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
