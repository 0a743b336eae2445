using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math;

/// <summary>
/// Verifiers for tests. The wall-clock budget is made generous so that a loaded test machine cannot turn a
/// verdict into "undecided"; the deterministic step budget still bounds every check.
/// </summary>
internal static class TestVerifiers
{
    public static readonly TimeSpan GenerousTime = TimeSpan.FromSeconds(30);

    public static MathVerifier Default { get; } = new(new MathVerifierOptions { TimeBudget = GenerousTime });

    public static MathVerifier Create(MathVerifierOptions options) => new(options);
}
