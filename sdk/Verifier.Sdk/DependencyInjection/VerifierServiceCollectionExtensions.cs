using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Verifier.Sdk.DependencyInjection;

public static class VerifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers a shared <see cref="VerifierClient"/> whose HttpClient comes from IHttpClientFactory (named
    /// "Verifier"), so callers can add handlers to it. Options are validated when the client is first built.
    /// </summary>
    public static IHttpClientBuilder AddVerifierClient(this IServiceCollection services, Action<VerifierClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerifierClientOptions>().Configure(configure);
        services.AddSingleton(provider =>
        {
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(VerifierDefaults.HttpClientName);
            return new VerifierClient(
                http,
                provider.GetRequiredService<IOptions<VerifierClientOptions>>().Value,
                provider.GetService<TimeProvider>(),
                provider.GetService<IMeterFactory>());
        });

        return services.AddHttpClient(VerifierDefaults.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
            })
            // The client's own pipeline retries; a second layer would multiply attempts.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
