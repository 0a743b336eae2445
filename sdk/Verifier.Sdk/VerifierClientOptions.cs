using System.ComponentModel.DataAnnotations;

namespace Verifier.Sdk;

/// <summary>Settings of a <see cref="VerifierClient"/>; validated once, when the client is built.</summary>
public sealed class VerifierClientOptions
{
    /// <summary>One or more verifier replicas; load is spread across the healthy ones.</summary>
    [Required]
    [MinLength(1)]
    public IList<Uri> Endpoints { get; } = [];

    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>Items per request; concurrent single calls are merged up to this, large calls split to it.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = VerifierDefaults.MaxBatchSize;

    /// <summary>How long a single call may wait for others to share its request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MaxBatchDelay { get; set; } = VerifierDefaults.MaxBatchDelay;

    /// <summary>Requests in flight at once, across all replicas.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentRequests { get; set; } = VerifierDefaults.MaxConcurrentRequests;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = VerifierDefaults.AttemptTimeout;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = VerifierDefaults.TotalTimeout;

    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = VerifierDefaults.MaxRetryAttempts;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = VerifierDefaults.RetryBaseDelay;

    /// <summary>Upper bound on one retry delay, Retry-After included.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = VerifierDefaults.MaxRetryDelay;

    /// <summary>Share of failed attempts, per replica, that opens that replica's circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = VerifierDefaults.BreakerFailureRatio;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = VerifierDefaults.BreakerMinimumThroughput;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = VerifierDefaults.BreakerSamplingDuration;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = VerifierDefaults.BreakerBreakDuration;

    /// <summary>How often a replica taken out of rotation is probed at <c>/health/ready</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HealthProbeInterval { get; set; } = VerifierDefaults.HealthProbeInterval;

    /// <summary>
    /// When every retry fails, items come back with a null reward and the reason (the default), so a
    /// trainer gives them zero advantage; set this to throw <see cref="VerifierRequestFailedException"/> instead.
    /// </summary>
    public bool ThrowWhenUnavailable { get; set; }

    /// <summary>The options pattern's validator, for a client built by hand; throws with every failure listed.</summary>
    internal void Validate()
    {
        if (new VerifierClientOptionsValidator().Validate(null, this) is { Failed: true } result)
        {
            throw new ValidationException(result.FailureMessage);
        }
    }
}
