namespace Verifier.Core.Math.Equivalence;

/// <summary>The outcome of comparing two answers: never "equal" on doubt.</summary>
internal enum Equivalence
{
    Different,
    Equal,
    Unknown,
}

internal static class EquivalenceExtensions
{
    /// <summary>All parts must be equal; one difference decides; otherwise unknown.</summary>
    public static Equivalence And(this Equivalence a, Equivalence b) =>
        a == Equivalence.Different || b == Equivalence.Different ? Equivalence.Different
        : a == Equivalence.Equal && b == Equivalence.Equal ? Equivalence.Equal
        : Equivalence.Unknown;

    /// <summary>Either reading may match; both must differ for a difference.</summary>
    public static Equivalence Or(this Equivalence a, Equivalence b) =>
        a == Equivalence.Equal || b == Equivalence.Equal ? Equivalence.Equal
        : a == Equivalence.Different && b == Equivalence.Different ? Equivalence.Different
        : Equivalence.Unknown;
}
