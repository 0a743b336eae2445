using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// A dataset's time and memory limits, clamped to what the service accepts by default (<c>Sandbox:MaxTimeMs</c> 20 s,
/// <c>Sandbox:MinMemoryMb</c>..<c>MaxMemoryMb</c> 32..2048 MB): a row asking for more gets the most the service gives,
/// rather than a 400 for the whole batch.
/// </summary>
internal static class DatasetLimits
{
    public const int MinTimeMs = 100;
    public const int MaxTimeMs = 20_000;
    public const int MinMemoryMb = 32;
    public const int MaxMemoryMb = 2048;

    public static CodeLimits? From(double? seconds, double? megabytes)
    {
        if (seconds is not > 0 && megabytes is not > 0)
        {
            return null;
        }

        return new CodeLimits
        {
            TimeMs = seconds is > 0 and var s ? (int)Math.Clamp(Math.Ceiling(s * 1000), MinTimeMs, MaxTimeMs) : null,
            MemoryMb = megabytes is > 0 and var m ? (int)Math.Clamp(Math.Ceiling(m), MinMemoryMb, MaxMemoryMb) : null,
        };
    }
}
