using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string MailgunApiKey = "«h32»-«h8»-«h8»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
