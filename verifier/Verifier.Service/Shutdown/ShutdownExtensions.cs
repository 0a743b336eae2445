using Microsoft.Extensions.Options;

namespace Verifier.Service.Shutdown;

public static class ShutdownExtensions
{
    /// <summary>Call after the sandbox is registered: hosted services stop in reverse order.</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService<DrainHostedService>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainDeadline + TimeSpan.FromSeconds(15));
        return services;
    }
}
