using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Admission;

/// <summary>
/// Bounds on admitted work. Items are counted from admission to response, so these are the bounded queues:
/// past them a request is refused with 429 and Retry-After instead of waiting in memory.
/// </summary>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    [Range(1, 10_000_000)]
    public int GlobalMaxItems { get; set; } = 32_768;

    [Range(1, 10_000_000)]
    public int TenantMaxItems { get; set; } = 16_384;

    [Range(1, 100_000)]
    public int TenantMaxConcurrentRequests { get; set; } = 256;

    /// <summary>Sustained items per second per tenant; 0 turns the rate quota off.</summary>
    [Range(0, 10_000_000)]
    public int TenantItemsPerSecond { get; set; }

    /// <summary>How many seconds of the rate a tenant may burst; with the rate, sets the token bucket's size.</summary>
    [Range(1, 3600)]
    public int TenantBurstSeconds { get; set; } = 10;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
