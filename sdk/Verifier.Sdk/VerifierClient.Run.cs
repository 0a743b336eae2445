using System.Text.Json;
using Verifier.Contracts;
using Verifier.Sdk.Transport;

namespace Verifier.Sdk;

public partial class VerifierClient
{
    private static readonly BatchRoute<RunItem, RunResult> RunRoute = new(
        "v1/run",
        batch => JsonSerializer.SerializeToUtf8Bytes(new RunRequest { Items = batch }, VerifierJsonContext.Default.RunRequest),
        payload => JsonSerializer.Deserialize(payload, VerifierJsonContext.Default.RunResponse)?.Results,
        result => result.Status == Verdicts.Cancelled,
        (result, index) => result with { Index = index },
        (item, index, reason) => new RunResult { Index = index, Id = item.Id, Status = Verdicts.Error, Reason = $"verifier unavailable: {reason.Message}" });

    /// <summary>
    /// Runs programs as they are (<c>POST /v1/run</c>: no tests, no reward), split into batches sent concurrently with
    /// the same retries, replicas and idempotency as verify; results in input order, <c>Index</c> the input position.
    /// Programs a stopping replica gave back (<c>cancelled</c>) go again, to any replica.
    /// </summary>
    public virtual Task<IReadOnlyList<RunResult>> RunManyAsync(IReadOnlyList<RunItem> items, CancellationToken cancellationToken = default) =>
        SendManyAsync(RunRoute, items, cancellationToken);
}
