namespace Verifier.Core.Format;

/// <summary>The format component: 1 when the completion follows the template, else 0 with the reason.</summary>
public sealed record FormatVerdict(double Score, string? Reason)
{
    public bool Followed => Score == 1.0;

    internal static FormatVerdict Pass { get; } = new(1.0, null);

    internal static FormatVerdict Fail(string reason) => new(0.0, reason);
}
