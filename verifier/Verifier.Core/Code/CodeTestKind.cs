using System.Text.Json.Serialization;

namespace Verifier.Core.Code;

/// <summary>How a submission is tested. The wire names are <c>io</c>, <c>function</c> and <c>assert</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeTestKind>))]
public enum CodeTestKind
{
    /// <summary>Run the program on each case's stdin; compare its stdout outside the sandbox.</summary>
    [JsonStringEnumMemberName("io")]
    Io,

    /// <summary>Call an entry point with each case's JSON arguments; compare the JSON result outside the sandbox.</summary>
    [JsonStringEnumMemberName("function")]
    Function,

    /// <summary>Run caller-supplied test code (HumanEval's <c>check(candidate)</c>, or a C++ <c>main</c>) against the candidate.</summary>
    [JsonStringEnumMemberName("assert")]
    Assert,
}

public static class CodeTestKindExtensions
{
    public static string ToWireName(this CodeTestKind kind) => kind switch
    {
        CodeTestKind.Io => "io",
        CodeTestKind.Function => "function",
        CodeTestKind.Assert => "assert",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a wire name (case-insensitive); false for anything else.</summary>
    public static bool TryParseWireName(string? name, out CodeTestKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "io": kind = CodeTestKind.Io; return true;
            case "function": kind = CodeTestKind.Function; return true;
            case "assert": kind = CodeTestKind.Assert; return true;
            default: kind = default; return false;
        }
    }
}
