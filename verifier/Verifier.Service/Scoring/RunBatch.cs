using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Core.Code;
using Verifier.Sandbox;
using Verifier.Service.Limits;
using Verifier.Service.Shutdown;

namespace Verifier.Service.Scoring;

/// <summary>
/// Runs the programs of one <c>POST /v1/run</c> request concurrently in the sandbox, under the tenant's bound on
/// sandbox items and the request's deadline, as verify runs code items; the programs of one request may share
/// containers (fast mode), those of different requests never do.
/// </summary>
internal sealed class RunBatch(ICodeSandbox sandbox, TenantCodeGates tenantCode, IOptions<ScoringOptions> options, ShutdownDrain drain)
{
    private readonly ScoringOptions _options = options.Value;

    public async Task<RunResult[]> RunAsync(IReadOnlyList<RunItem> items, string tenant, CancellationToken clientAborted)
    {
        var isolationKey = $"{tenant}/{Guid.NewGuid():N}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, drain.Token);
        deadline.CancelAfter(_options.RequestTimeout);
        var results = await Task.WhenAll(items.Select((item, index) => tenantCode.RunAsync(
            tenant, () => RunOneAsync(item, index, isolationKey, deadline.Token), () => Stopped(item, index), deadline.Token))).ConfigureAwait(false);
        clientAborted.ThrowIfCancellationRequested();
        return results;
    }

    private async Task<RunResult> RunOneAsync(RunItem item, int index, string isolationKey, CancellationToken deadline)
    {
        var run = new CodeRun
        {
            Language = item.Language,
            Code = item.Code,
            Stdin = item.Stdin ?? "",
            Limits = item.Limits is { } limits ? SandboxCodeScorer.ToCore(limits) : null,
            IsolationKey = isolationKey,
            Files = FilesValidation.ToCore(item.Files),
            FetchFiles = item.FetchFiles ?? [],
            CompileOptions = FilesValidation.ToCore(item.CompileOptions),
        };
        var verdict = await sandbox.RunAsync(run, deadline).ConfigureAwait(false);
        return RunOutcomes.From(verdict, index, item.Id) with { Files = item.FetchFiles is null ? null : SandboxCodeScorer.FetchedFiles(verdict) };
    }

    private RunResult Stopped(RunItem item, int index)
    {
        var (status, reason) = TenantCodeGates.WhyStopped(drain, _options.RequestTimeout);
        return RunOutcomes.Unrun(index, item.Id, status, reason);
    }
}
