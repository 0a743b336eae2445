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

    /// <summary>
    /// One entry per test that ran, in order; under <c>subtasks</c> scoring also one with verdict <c>skipped</c> for each
    /// test that its subtask's earlier failure skipped.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TestOutcome>? Tests { get; init; }

    /// <summary>Under <c>subtasks</c> scoring: each subtask's score, in request order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SubtaskOutcome>? Subtasks { get; init; }

    public double? CompileMs { get; init; }

    public double? CpuMs { get; init; }

    public double? WallMs { get; init; }

    /// <summary>The request's <c>fetchFiles</c>, in its order, as the submission's last step left them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FetchedFileOutcome>? Files { get; init; }
}

/// <summary>
/// One fetched file. Example: <c>{"path": "out.txt", "status": "ok", "bytes": 6, "content": "aGVsbG8K"}</c>.
/// </summary>
public sealed record FetchedFileOutcome
{
    public required string Path { get; init; }

    /// <summary>
    /// <c>ok</c> (the whole file); <c>truncated</c> (larger than the per-file cap, or than what the total cap left:
    /// its first bytes); <c>over_limit</c> (the total cap was spent: nothing read); <c>missing</c>; <c>not_regular</c>
    /// (a symlink, never followed, a FIFO or a directory).
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The file's size, when it is a regular file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Bytes { get; init; }

    /// <summary>Base64 of what was read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }
}

public sealed record TestOutcome
{
    /// <summary>The test's index in <c>tests.cases</c>.</summary>
    public int Index { get; init; }

    /// <summary>A code verdict (<c>accepted</c>, <c>wrong_answer</c>, ...), or <c>skipped</c> for a test that did not run.</summary>
    public required string Verdict { get; init; }

    public double? CpuMs { get; init; }

    public double? WallMs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>
    /// The test's partial score from 0 to 1, when a custom checker gave points (testlib's exit code 7); absent
    /// otherwise (a test is then worth 1 accepted, else 0). Example: <c>0.5</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score { get; init; }
}

/// <summary>How one subtask fared: IOI's minimum over its tests, so all of its <c>points</c>, or under a custom checker's points the minimum score times them.</summary>
public sealed record SubtaskOutcome
{
    public required string Name { get; init; }

    public double Points { get; init; }

    /// <summary><c>points</c> when every test passed, else 0.</summary>
    public double Score { get; init; }

    /// <summary><c>accepted</c>, the verdict of its first failed test, or <c>not_run</c> when the item's time budget ran out first.</summary>
    public required string Verdict { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FailedTest { get; init; }

    public IReadOnlyList<int> Tests { get; init; } = [];

    /// <summary>Its tests that did not run.</summary>
    public IReadOnlyList<int> Skipped { get; init; } = [];
}
