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
}
