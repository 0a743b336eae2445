using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verifier.Sdk.Transport;

namespace Verifier.Sdk.DependencyInjection;

public static class VerifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers a shared <see cref="VerifierClient"/> whose HttpClient comes from IHttpClientFactory (named
    /// "Verifier"), so callers can add handlers to it. Options are validated at start in a host (and at the first
    /// resolve without one) by the same validator a hand-built client uses.
    /// </summary>
    public static IHttpClientBuilder AddVerifierClient(this IServiceCollection services, Action<VerifierClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerifierClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerifierClientOptions>, VerifierClientOptionsValidator>());
        services.AddSingleton(provider =>
        {
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(VerifierDefaults.HttpClientName);
            return new VerifierClient(
                http,
                provider.GetRequiredService<IOptions<VerifierClientOptions>>().Value,
                provider.GetService<TimeProvider>(),
                provider.GetService<IMeterFactory>());
        });

        return services.AddHttpClient(VerifierDefaults.HttpClientName, VerifierHttp.Configure)
            .ConfigurePrimaryHttpMessageHandler(VerifierHttp.CreatePrimaryHandler)
            // The singleton client keeps the one HttpClient it was given, so a rotated handler would never reach
            // it; the handler's PooledConnectionLifetime renews connections instead.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
