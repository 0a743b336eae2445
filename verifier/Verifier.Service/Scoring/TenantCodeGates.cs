using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Service.Shutdown;

namespace Verifier.Service.Scoring;

/// <summary>
/// How many sandbox items one tenant may have running at once (<c>Scoring:TenantCodeConcurrency</c>), across its
/// requests and across endpoints: verify's code items and raw runs share the bound.
/// </summary>
internal sealed class TenantCodeGates(IOptions<ScoringOptions> options)
{
    private readonly int _perTenant = options.Value.TenantCodeConcurrency;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string tenant) => _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(_perTenant));

    /// <summary>
    /// Runs one sandbox item once the tenant has a free place, or gives <paramref name="stopped"/> when the request's
    /// deadline (or the service's drain) comes first, waiting or running.
    /// </summary>
    public async Task<T> RunAsync<T>(string tenant, Func<Task<T>> work, Func<T> stopped, CancellationToken deadline)
    {
        var gate = For(tenant);
        try
        {
            await gate.WaitAsync(deadline).ConfigureAwait(false);
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return stopped();
        }
    }

    /// <summary>Why an item the deadline stopped has no result: the service stopping (<c>cancelled</c>), else the request's <c>timeout</c>.</summary>
    public static (string Verdict, string Reason) WhyStopped(ShutdownDrain drain, TimeSpan requestTimeout) => drain.Token.IsCancellationRequested
        ? (Verdicts.Cancelled, "the service is shutting down")
        : (Verdicts.Timeout, $"the request took longer than {requestTimeout.TotalSeconds:0.#} s");
}
