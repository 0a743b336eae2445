using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

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
}
