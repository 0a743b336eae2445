using Verifier.Core.Code;
using Verifier.Core.Code.Files;

namespace Verifier.Sandbox.Languages;

/// <summary>What a language makes of a submission: the files of its private directory, one optional compile step, and how tests run.</summary>
/// <param name="Files">Path relative to the working directory (directories on the way are created) to content. Nothing here may hold expected outputs.</param>
/// <param name="Environment">The programs' whole environment: nothing else is inherited, so no secret can leak in.</param>
public sealed record SandboxProgram(
    IReadOnlyDictionary<string, byte[]> Files,
    CompileStep? Compile,
    ProgramRunner Runner,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>The one compilation of a submission, run once before its tests.</summary>
public abstract record CompileStep;

/// <summary>Runs a command in the submission's directory; exit code 0 means it compiled.</summary>
/// <param name="ToolchainFailureExitCode">
/// The exit code by which the command says its own tools failed, whatever the submission: an infrastructure error, so
/// never a compile error charged to the submission. It must be a code the submission cannot make the command exit with.
/// </param>
public sealed record CommandCompileStep(IReadOnlyList<string> Argv, int? ToolchainFailureExitCode = null) : CompileStep;

/// <summary>Parses a Python file (without running it) so that a syntax error is a compile error.</summary>
public sealed record PythonSyntaxCheck(string File) : CompileStep;

/// <summary>How the supervisor runs a test.</summary>
public enum RunnerKind
{
    /// <summary>A fresh process per test with the case's stdin; also the marker-checked run of a compiled assert harness.</summary>
    Process,

    /// <summary>A function server speaking the call protocol on fds 3 and 4; each case is one call, compared outside the sandbox.</summary>
    Rpc,

    /// <summary>The supervisor's Python judge runs <c>check(candidate)</c>; the candidate lives in a function server.</summary>
    PythonJudge,
}

/// <param name="ReportsSyntax">
/// The program checks its own source before running it and reports a syntax error on fd 3 (Python's launcher): the
/// supervisor then lets the first test's run stand in for a <see cref="PythonSyntaxCheck"/> prepared with it.
/// </param>
public sealed record ProgramRunner(RunnerKind Kind, IReadOnlyList<string> Argv, bool ReportsSyntax = false);

/// <summary>The limits a language prepares a submission for, and whose submission it is (a compiler in the verifier shares itself fairly by tenant).</summary>
public sealed record PrepareContext(string Code, CodeTests Tests, int TimeMs, int MemoryMb, string? IsolationKey = null)
{
    /// <summary>
    /// The request's extra files; the sandbox writes them beside the language's files, and a language may compile some
    /// of them (C++ <c>io</c> and <c>function</c>: the <c>.cpp</c> ones; C#: the <c>.cs</c> ones).
    /// </summary>
    public IReadOnlyList<CodeFile> ExtraFiles { get; init; } = [];

    /// <summary>The request's compile options, already checked against the language's allow-list; null: the defaults.</summary>
    public CompileOptions? CompileOptions { get; init; }
}

/// <summary>A prepared program, or a compile error found before anything ran (e.g. by a compiler in the verifier).</summary>
public sealed record PrepareResult
{
    private PrepareResult()
    {
    }

    public SandboxProgram? Program { get; private init; }

    public string? CompileError { get; private init; }

    public double CompileMs { get; private init; }

    /// <param name="compileMs">Time spent compiling in the verifier, when the language compiles there.</param>
    public static PrepareResult Ready(SandboxProgram program, double compileMs = 0) => new() { Program = program, CompileMs = compileMs };

    public static PrepareResult Rejected(string compileError, double compileMs = 0) => new() { CompileError = compileError, CompileMs = compileMs };
}
