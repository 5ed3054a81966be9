using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string HubspotAccessToken = "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
