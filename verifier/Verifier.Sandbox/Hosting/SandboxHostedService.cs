using Microsoft.Extensions.Hosting;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Hosting;

/// <summary>
/// Starts the sandbox with the host: removes containers a crashed predecessor left, then keeps the warm pool filled;
/// on shutdown removes every container the sandbox created.
/// </summary>
internal sealed class SandboxHostedService(ContainerPool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => pool.EnsureStartedAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await pool.DisposeAsync().ConfigureAwait(false);
}
