using Verifier.Core.Code.Files;
using Verifier.Core.Code.Grading;

namespace Verifier.Core.Code;

/// <summary>The judgement of one submission.</summary>
public sealed record CodeVerdict
{
    public required CodeVerdictKind Verdict { get; init; }

    /// <summary>The reward under the request's scoring; null exactly when <see cref="Verdict"/> is <c>infra_error</c>.</summary>
    public double? Reward { get; init; }

    /// <summary>Passed tests over all tests (tests not run count as failed).</summary>
    public double PassFraction { get; init; }

    public int TestsPassed { get; init; }

    public int TestsRun { get; init; }

    public int TestsTotal { get; init; }

    public IReadOnlyList<CodeTestResult> Tests { get; init; } = [];

    /// <summary>Under subtask scoring, each subtask's score and the tests it skipped; else null.</summary>
    public IReadOnlyList<SubtaskResult>? Subtasks { get; init; }

    /// <summary>The request's <c>FetchFiles</c>, in request order, as the submission's last step left them; empty when none were asked for.</summary>
    public IReadOnlyList<FetchedFile> Fetched { get; init; } = [];

    /// <summary>Compile time of the one compilation, when the language compiles.</summary>
    public double? CompileMs { get; init; }

    /// <summary>CPU time of all tests run.</summary>
    public double CpuMs { get; init; }

    /// <summary>Wall time from the start of judging (compile included) to the verdict.</summary>
    public double WallMs { get; init; }

    /// <summary>The code that ran (extracted from the completion, or given).</summary>
    public string? Code { get; init; }

    /// <summary>A sentence on the verdict: the first failure, the compile error, the infrastructure problem.</summary>
    public string? Reason { get; init; }

    public string? Language { get; init; }

    public static CodeVerdict NoCode(string language, string reason) => new()
    {
        Verdict = CodeVerdictKind.NoCode,
        Reward = 0,
        Reason = reason,
        Language = language,
    };

    /// <summary>The sandbox, not the program, failed: unknown reward.</summary>
    public static CodeVerdict InfraError(string language, string reason, string? code = null, double wallMs = 0) => new()
    {
        Verdict = CodeVerdictKind.InfraError,
        Reward = null,
        Reason = reason,
        Language = language,
        Code = code,
        WallMs = wallMs,
    };
}
