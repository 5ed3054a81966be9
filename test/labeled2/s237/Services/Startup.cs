using Microsoft.Extensions.DependencyInjection;

namespace Acme.Services
{
    public static class Startup
    {
        private const string MongodbUri = "mongodb+srv://svc_api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority";

        public static void Configure(IServiceCollection services)
        {
            services.AddHttpClient();
        }
    }
}
