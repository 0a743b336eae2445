using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Limits;

/// <summary>What one request may hold. Each violation is a 400 or 413 ProblemDetails naming the field.</summary>
public sealed class RequestLimits
{
    public const string Section = "Limits";

    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    [Range(1, 100_000)]
    public int MaxItems { get; set; } = 1024;

    /// <summary>A 1 MB completion must still be scored, so the default leaves room above that.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxCompletionChars { get; set; } = 2 * 1024 * 1024;

    [Range(1, 1024 * 1024)]
    public int MaxGoldChars { get; set; } = 16 * 1024;

    [Range(1, 100_000)]
    public int MaxTestsPerItem { get; set; } = 512;

    /// <summary>Stdin, expected stdout, args, expected values and assert code of one item, in UTF-8 bytes.</summary>
    [Range(1, 1L << 30)]
    public long MaxTestIoBytes { get; set; } = 8L * 1024 * 1024;

    [Range(0, 64)]
    public int MaxRewardScripts { get; set; } = 16;

    [Range(1, 1024)]
    public int MaxIdChars { get; set; } = 256;
}
