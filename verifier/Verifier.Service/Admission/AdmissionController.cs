using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Admission;

/// <summary>
/// Decides, before any work starts, whether a request fits: global and per-tenant item budgets, a per-tenant
/// cap on concurrent requests, and an optional per-tenant rate. Admission is all or nothing for a request,
/// so a caller never gets half a batch scored.
/// </summary>
internal sealed class AdmissionController(IOptions<AdmissionOptions> options, VerifierMetrics metrics)
{
    private readonly AdmissionOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _globalItems;

    public int AdmittedItems => Volatile.Read(ref _globalItems);

    public Admission TryAdmit(string tenant, int items)
    {
        var state = _tenants.GetOrAdd(tenant, _ => new TenantState(_options));
        lock (_gate)
        {
            if (state.Requests >= _options.TenantMaxConcurrentRequests)
            {
                return Reject("tenant_requests", $"at most {_options.TenantMaxConcurrentRequests} concurrent requests per tenant");
            }

            if (state.Items + items > _options.TenantMaxItems)
            {
                return Reject("tenant_items", $"the tenant already has {state.Items} items in progress; its limit is {_options.TenantMaxItems}");
            }

            if (_globalItems + items > _options.GlobalMaxItems)
            {
                return Reject("global_items", "the service is at capacity");
            }

            // The rate is checked last so that a request refused for another reason spends none of it.
            if (state.Rate is { } rate)
            {
                using var lease = rate.AttemptAcquire(Math.Min(items, state.RateBurst));
                if (!lease.IsAcquired)
                {
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
                    return Reject("rate", $"the tenant's quota of {_options.TenantItemsPerSecond} items/s is used up", wait);
                }
            }

            state.Requests++;
            state.Items += items;
            _globalItems += items;
        }

        metrics.QueueChanged(items);
        return Admission.Admitted(new Release(this, state, items));
    }

    private Admission Reject(string why, string message, TimeSpan? retryAfter = null)
    {
        metrics.Rejected(why);
        var seconds = Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(_options.RetryAfterSeconds)).TotalSeconds));
        return Admission.Refused(message, seconds);
    }

    private void Return(TenantState state, int items)
    {
        lock (_gate)
        {
            state.Requests--;
            state.Items -= items;
            _globalItems -= items;
        }

        metrics.QueueChanged(-items);
    }

    private sealed class TenantState(AdmissionOptions options)
    {
        public int RateBurst { get; } = options.TenantItemsPerSecond * options.TenantBurstSeconds;

        public int Requests { get; set; }

        public int Items { get; set; }

        public TokenBucketRateLimiter? Rate { get; } = options.TenantItemsPerSecond == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TenantItemsPerSecond * options.TenantBurstSeconds,
            TokensPerPeriod = options.TenantItemsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Gives the request's items back when the response is done.</summary>
    public sealed class Release(AdmissionController owner, object state, int items) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Return((TenantState)state, items);
            }
        }
    }
}

internal readonly record struct Admission(AdmissionController.Release? Lease, string? Refusal, int RetryAfterSeconds)
{
    public bool IsAdmitted => Lease is not null;

    public static Admission Admitted(AdmissionController.Release lease) => new(lease, null, 0);

    public static Admission Refused(string message, int retryAfterSeconds) => new(null, message, retryAfterSeconds);
}
