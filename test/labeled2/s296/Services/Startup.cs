using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string SmtpPassword = "«C1»«l7»#«d4»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
