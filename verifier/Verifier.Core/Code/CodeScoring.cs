using System.Text.Json.Serialization;

namespace Verifier.Core.Code;

/// <summary>How test results become a reward.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeScoring>))]
public enum CodeScoring
{
    /// <summary>1 when every test passes, else 0 (the default).</summary>
    [JsonStringEnumMemberName("binary")]
    Binary,

    /// <summary>The share of tests that passed. Implies running every test.</summary>
    [JsonStringEnumMemberName("fraction")]
    Fraction,

    /// <summary>The passed tests' weights over all weights (<see cref="CodeRequest.Weights"/>). Implies running every test.</summary>
    [JsonStringEnumMemberName("weighted")]
    Weighted,

    /// <summary>
    /// The points of the subtasks whose every test passed, over all points (<see cref="CodeRequest.Subtasks"/>). A failed
    /// test skips the later tests of its subtask; the other subtasks still run.
    /// </summary>
    [JsonStringEnumMemberName("subtasks")]
    Subtasks,
}
