namespace Verifier.Service.Shutdown;

/// <summary>
/// Registered after the sandbox, so the host stops it first: its stop waits for in-flight requests to drain
/// before the sandbox's own stop removes every container.
/// </summary>
internal sealed class DrainHostedService(ShutdownDrain drain, ILogger<DrainHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (drain.InFlight > 0)
        {
            logger.LogInformation("draining {Requests} in-flight request(s)", drain.InFlight);
        }

        await drain.WaitForDrainAsync(cancellationToken);
    }
}
