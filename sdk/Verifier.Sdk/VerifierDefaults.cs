namespace Verifier.Sdk;

/// <summary>Every default of the client in one place.</summary>
internal static class VerifierDefaults
{
    public const int MaxBatchSize = 256;
    public static readonly TimeSpan MaxBatchDelay = TimeSpan.FromMilliseconds(5);
    public const int MaxConcurrentRequests = 16;
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(10);
    public const int MaxRetryAttempts = 6;
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);
    public const double BreakerFailureRatio = 0.5;
    public const int BreakerMinimumThroughput = 4;
    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan BreakerBreakDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HealthProbeInterval = TimeSpan.FromSeconds(2);
    public const string HttpClientName = "Verifier";
}
