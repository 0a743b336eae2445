namespace Verifier.Core.Math.Equivalence;

/// <summary>How two parsed answers are compared; built once from the public options.</summary>
internal sealed record CompareSettings
{
    /// <summary>Relative tolerance for numeric values; null means exact.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>Absolute tolerance for numeric values; null means exact.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>Sample points for identities with variables.</summary>
    public int RandomPoints { get; init; } = 6;

    /// <summary>Points that must agree (and none disagree) before expressions with variables count as equal.</summary>
    public int MinimumAgreeingPoints { get; init; } = 3;

    /// <summary>Starting working precision in bits; literal sizes are added on top.</summary>
    public int InitialPrecisionBits { get; init; } = 128;

    /// <summary>Precision at which the ball evaluator stops escalating and reports "unknown".</summary>
    public int MaxPrecisionBits { get; init; } = 4096;

    /// <summary>Bits by which two values must agree (relative to their size) to be called equal.</summary>
    public int RequiredAgreementBits { get; init; } = 64;

    /// <summary>
    /// Whether a predicted relation (-2 &lt;= x &lt;= 7) may match a gold set or interval (x \in [-2, 7]). A gold
    /// relation always matches a predicted interval.
    /// </summary>
    public bool AllowSetRelationComparison { get; init; } = true;

    /// <summary>Largest number of items in a list or set compared element by element.</summary>
    public int MaxCollectionItems { get; init; } = 64;

    public bool HasTolerance => RelativeTolerance is not null || AbsoluteTolerance is not null;
}
