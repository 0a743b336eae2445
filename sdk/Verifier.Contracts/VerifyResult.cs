using System.Text.Json.Serialization;

namespace Verifier.Contracts;

public sealed record VerifyResponse
{
    public required IReadOnlyList<VerifyResult> Results { get; init; }
}

/// <summary>
/// The outcome for one item. <see cref="Reward"/>, <see cref="Accuracy"/> and <see cref="Format"/> are null
/// when unknown (undecidable answer, infrastructure failure, timeout): a trainer must not treat null as 0.
/// </summary>
public sealed record VerifyResult
{
    /// <summary>The item's position in the request; streaming returns results out of order.</summary>
    public int Index { get; init; }

    public string? Id { get; init; }

    public double? Reward { get; init; }

    public double? Accuracy { get; init; }

    public double? Format { get; init; }

    /// <summary>One of <see cref="Verdicts"/>.</summary>
    public required string Verdict { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResultDetail? Detail { get; init; }

    /// <summary>True when nothing about the item was scored because of the service, not the completion.</summary>
    [JsonIgnore]
    public bool IsUnknown => Reward is null;
}

public sealed record ResultDetail
{
    /// <summary>The answer the math grader read from the completion.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Extracted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormatReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodeDetail? Code { get; init; }

    /// <summary>Extra named components (scripts, language consistency): null where they could not be computed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double?>? Components { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? ComponentReasons { get; init; }

    public double ElapsedMs { get; init; }
}

public sealed record CodeDetail
{
    public required string Verdict { get; init; }

    public double PassFraction { get; init; }

    public int TestsRun { get; init; }

    public int TestsTotal { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TestOutcome>? Tests { get; init; }

    public double? CompileMs { get; init; }

    public double? CpuMs { get; init; }

    public double? WallMs { get; init; }
}

public sealed record TestOutcome
{
    public int Index { get; init; }

    public required string Verdict { get; init; }

    public double? CpuMs { get; init; }

    public double? WallMs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}
