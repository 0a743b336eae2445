using System.Text.Json.Serialization;

namespace Verifier.Core.Code;

/// <summary>What happened to a submission, or to one of its tests. Serialised in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeVerdictKind>))]
public enum CodeVerdictKind
{
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    [JsonStringEnumMemberName("wrong_answer")]
    WrongAnswer,

    [JsonStringEnumMemberName("compile_error")]
    CompileError,

    [JsonStringEnumMemberName("runtime_error")]
    RuntimeError,

    [JsonStringEnumMemberName("time_limit")]
    TimeLimit,

    [JsonStringEnumMemberName("memory_limit")]
    MemoryLimit,

    [JsonStringEnumMemberName("output_limit")]
    OutputLimit,

    [JsonStringEnumMemberName("no_code")]
    NoCode,

    /// <summary>The sandbox failed, not the program: the reward is unknown (null), never 0.</summary>
    [JsonStringEnumMemberName("infra_error")]
    InfraError,
}

public static class CodeVerdictKindExtensions
{
    /// <summary>The wire name: <c>accepted</c>, <c>wrong_answer</c>, ...</summary>
    public static string ToWireName(this CodeVerdictKind kind) => kind switch
    {
        CodeVerdictKind.Accepted => "accepted",
        CodeVerdictKind.WrongAnswer => "wrong_answer",
        CodeVerdictKind.CompileError => "compile_error",
        CodeVerdictKind.RuntimeError => "runtime_error",
        CodeVerdictKind.TimeLimit => "time_limit",
        CodeVerdictKind.MemoryLimit => "memory_limit",
        CodeVerdictKind.OutputLimit => "output_limit",
        CodeVerdictKind.NoCode => "no_code",
        CodeVerdictKind.InfraError => "infra_error",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
