using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Core.Scoring;
using Verifier.Service.Shutdown;

namespace Verifier.Service.Scoring;

/// <summary>
/// Runs every item of one request: CPU items (math, format) in chunks across the cores, code items
/// concurrently in the sandbox under a per-tenant bound. Each result is reported as soon as it exists, so
/// the streaming endpoint can forward it. When the request's deadline or the service's drain deadline
/// passes, unfinished items come back with a null reward and a verdict that says why.
/// </summary>
internal sealed class BatchRunner(ItemScorer scorer, TenantCodeGates tenantCode, IOptions<ScoringOptions> options, ShutdownDrain drain)
{
    private readonly ScoringOptions _options = options.Value;

    /// <param name="onResult">Called once per item, from any thread, as each result is ready.</param>
    /// <param name="clientAborted">The caller went away: stop everything and report nothing more.</param>
    public async Task<VerifyResult[]> RunAsync(
        IReadOnlyList<VerifyItem> items, string tenant, Action<VerifyResult>? onResult, CancellationToken clientAborted)
    {
        // One request of one tenant may share sandbox containers; nothing else may.
        var isolationKey = $"{tenant}/{Guid.NewGuid():N}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, drain.Token);
        deadline.CancelAfter(_options.RequestTimeout);
        var results = new VerifyResult[items.Count];

        void Complete(int index, VerifyResult result)
        {
            results[index] = result;
            onResult?.Invoke(result);
        }

        var work = new List<Task>();
        var cpuItems = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (scorer.NeedsSandbox(items[i]))
            {
                work.Add(RunCodeItemAsync(items[i], i, tenant, isolationKey, Complete, deadline.Token));
            }
            else
            {
                cpuItems.Add(i);
            }
        }

        work.AddRange(RunCpuItems(items, cpuItems, isolationKey, Complete, deadline.Token));
        await Task.WhenAll(work).ConfigureAwait(false);
        clientAborted.ThrowIfCancellationRequested();
        return results;
    }

    private IEnumerable<Task> RunCpuItems(
        IReadOnlyList<VerifyItem> items, List<int> indices, string isolationKey, Action<int, VerifyResult> complete, CancellationToken deadline)
    {
        for (var start = 0; start < indices.Count; start += _options.CpuChunkSize)
        {
            var end = Math.Min(start + _options.CpuChunkSize, indices.Count);
            var chunkStart = start;
            yield return Task.Run(
                async () =>
                {
                    for (var k = chunkStart; k < end; k++)
                    {
                        var index = indices[k];
                        complete(index, deadline.IsCancellationRequested
                            ? Stopped(items[index], index)
                            : await scorer.ScoreAsync(items[index], index, isolationKey, deadline).ConfigureAwait(false));
                    }
                },
                CancellationToken.None);
        }
    }

    /// <summary>
    /// No clock of its own: the sandbox bounds the item's run from the moment it starts running, and the request's
    /// deadline bounds the waiting, so a slow batch-mate can delay this item but never decide its reward.
    /// </summary>
    private async Task RunCodeItemAsync(
        VerifyItem item, int index, string tenant, string isolationKey, Action<int, VerifyResult> complete, CancellationToken deadline) =>
        complete(index, await tenantCode.RunAsync(
            tenant, () => scorer.ScoreAsync(item, index, isolationKey, deadline), () => Stopped(item, index), deadline).ConfigureAwait(false));

    private VerifyResult Stopped(VerifyItem item, int index)
    {
        var (verdict, reason) = TenantCodeGates.WhyStopped(drain, _options.RequestTimeout);
        return ScoringPolicy.Unscored(item, index, verdict, reason);
    }
}
