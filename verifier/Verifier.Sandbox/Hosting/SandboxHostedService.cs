using Microsoft.Extensions.Hosting;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Hosting;

/// <summary>
/// Starts the sandbox with the host: warms the languages' compilers, removes containers a crashed predecessor left, then keeps the warm pool filled;
/// on shutdown removes every container the sandbox created.
/// </summary>
internal sealed class SandboxHostedService(ContainerPool pool, LanguageRegistry languages) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: a language that fails to warm up fails its first submission instead, with the reason.
        foreach (var language in languages.All)
        {
            _ = language.Language.WarmUpAsync(CancellationToken.None).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return pool.EnsureStartedAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await pool.DisposeAsync().ConfigureAwait(false);
}
