using Microsoft.Extensions.Hosting;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Hosting;

/// <summary>
/// Starts the sandbox with the host: warms the languages' compilers, removes containers a crashed predecessor left, then keeps each engine's warm pool filled and watches the engines' health;
/// on shutdown removes every container the sandbox created.
/// </summary>
internal sealed class SandboxHostedService(EngineFleet fleet, LanguageRegistry languages) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: a language that fails to warm up fails its first submission instead, with the reason.
        foreach (var language in languages.All)
        {
            _ = language.Language.WarmUpAsync(CancellationToken.None).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return fleet.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await fleet.DisposeAsync().ConfigureAwait(false);
}
