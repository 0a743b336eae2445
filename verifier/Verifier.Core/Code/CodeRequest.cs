using Verifier.Core.Code.Files;
using Verifier.Core.Code.Grading;

namespace Verifier.Core.Code;

/// <summary>One submission to run against its tests.</summary>
public sealed record CodeRequest
{
    /// <summary>A language name from the sandbox's registry: <c>python</c>, <c>cpp</c>, ...</summary>
    public required string Language { get; init; }

    /// <summary>The model's full output; the code is the last fenced block of the language (inside <c>&lt;answer&gt;</c> when there is one).</summary>
    public string? Completion { get; init; }

    /// <summary>Already-extracted code; when set, <see cref="Completion"/> is not read.</summary>
    public string? Code { get; init; }

    public required CodeTests Tests { get; init; }

    public CodeLimits? Limits { get; init; }

    public CodeScoring Scoring { get; init; } = CodeScoring.Binary;

    /// <summary>Under <see cref="CodeScoring.Weighted"/>: one weight per test, in test order; null gives each test 1.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>Under <see cref="CodeScoring.Subtasks"/>: the groups, which hold every test exactly once.</summary>
    public IReadOnlyList<Subtask>? Subtasks { get; init; }

    /// <summary>
    /// Run every test even after one fails. Always true under <see cref="CodeScoring.Fraction"/> and
    /// <see cref="CodeScoring.Weighted"/>; under <see cref="CodeScoring.Subtasks"/> it also runs a failed subtask's later tests.
    /// </summary>
    public bool RunAllTests { get; init; }

    /// <summary>Files placed in the working directory before the compilation (headers, data, more sources); see <see cref="CodeFile"/>.</summary>
    public IReadOnlyList<CodeFile> Files { get; init; } = [];

    /// <summary>Paths read back from the working directory after the submission's last step, capped; reported, never scored.</summary>
    public IReadOnlyList<string> FetchFiles { get; init; } = [];

    /// <summary>The compilation's standard, optimisation and defines, within the language's allow-list; null: the language's defaults.</summary>
    public CompileOptions? CompileOptions { get; init; }

    /// <summary>
    /// Who may share a container with this submission in <c>fast</c> mode (e.g. <c>tenant/batch</c>).
    /// Submissions with different keys never share one; null means this submission shares with nobody.
    /// </summary>
    public string? IsolationKey { get; init; }
}
