using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    [Range(0, 1_000_000)]
    public int MaxEntries { get; set; } = 4096;

    /// <summary>Bytes of stored responses; the least recently used go first when it is exceeded.</summary>
    [Range(0, 1L << 34)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 1024)]
    public int MaxKeyLength { get; set; } = 256;
}
