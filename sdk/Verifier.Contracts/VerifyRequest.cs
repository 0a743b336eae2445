namespace Verifier.Contracts;

/// <summary>The body of <c>POST /v1/verify</c> and <c>POST /v1/verify/stream</c>.</summary>
public sealed record VerifyRequest
{
    public required IReadOnlyList<VerifyItem> Items { get; init; }
}
