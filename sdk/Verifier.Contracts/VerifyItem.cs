namespace Verifier.Contracts;

/// <summary>
/// One completion to score. Math or code gives the accuracy component, format gives the format component;
/// <see cref="Rewards"/> adds operator-defined components by name.
/// </summary>
public sealed record VerifyItem
{
    /// <summary>Echoed back in the result so callers can match results without relying on order.</summary>
    public string? Id { get; init; }

    /// <summary>The model's full output, reasoning included.</summary>
    public required string Completion { get; init; }

    public MathSpec? Math { get; init; }

    public CodeSpec? Code { get; init; }

    public FormatSpec? Format { get; init; }

    public RewardWeights? Weights { get; init; }

    /// <summary>Extra reward components by name (e.g. a configured script), each with its weight.</summary>
    public IReadOnlyDictionary<string, double>? Rewards { get; init; }

    /// <summary>Free-form strings passed to reward scripts (the prompt's language, a task id, ...).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record MathSpec
{
    public required string Gold { get; init; }

    /// <summary>Relative tolerance for numeric answers; omitted means exact comparison.</summary>
    public double? Tolerance { get; init; }

    /// <summary>
    /// One of <see cref="MathExtraction"/>: omitted or <c>completion</c> reads the answer from a full output,
    /// <c>answer</c> takes the completion as the bare answer.
    /// </summary>
    public string? Extract { get; init; }
}

public sealed record FormatSpec
{
    /// <summary>Only <c>r1</c> today: think block then answer block.</summary>
    public string Template { get; init; } = "r1";

    /// <summary>Set when the prompt already ends with the opening think tag.</summary>
    public bool? ThinkInPrompt { get; init; }
}

public sealed record RewardWeights
{
    public double Accuracy { get; init; } = 1.0;

    public double Format { get; init; } = 1.0;
}
