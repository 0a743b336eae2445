using Verifier.Core.Scoring;

namespace Verifier.Service.Scoring;

/// <summary>
/// Builds the scoring policy and the catalog while the host starts: a reward component that cannot be registered
/// (two with one name, a script named like a built-in) fails the boot, and the math engine's warm-up is not
/// charged to the first request.
/// </summary>
internal sealed class ResolveScoringAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ScoringPolicy>();
        _ = services.GetRequiredService<ScoringCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
