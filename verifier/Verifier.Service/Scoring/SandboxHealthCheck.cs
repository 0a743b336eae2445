using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verifier.Service.Scoring;

internal sealed class SandboxHealthCheck(ICodeScorer code) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        code.CheckHealthAsync(cancellationToken);
}
