namespace Verifier.Contracts;

/// <summary>
/// The body of <c>POST /v1/run</c>: programs to run as they are, with no tests and no reward (a tool call of a model
/// that runs code while it reasons, or another sandbox's API mapped onto this one).
/// </summary>
/// <example>{"items":[{"language":"python","code":"print(input()[::-1])","stdin":"abc\n"}]}</example>
public sealed record RunRequest
{
    public required IReadOnlyList<RunItem> Items { get; init; }
}

/// <summary>One program and what it is given.</summary>
public sealed record RunItem
{
    /// <summary>Your id for the item, echoed in its result.</summary>
    public string? Id { get; init; }

    /// <summary>A name from <c>GET /v1/languages</c>: <c>python</c>, <c>cpp</c>, ...</summary>
    /// <example>python</example>
    public required string Language { get; init; }

    /// <summary>The program's source, as it is (no fence is extracted).</summary>
    /// <example>print(input()[::-1])</example>
    public required string Code { get; init; }

    /// <summary>Standard input (none when omitted).</summary>
    /// <example>abc</example>
    public string? Stdin { get; init; }

    /// <summary>CPU time, memory, output and stack of the run, within the service's maxima; the compilation has its own budget.</summary>
    public CodeLimits? Limits { get; init; }

    /// <summary>Files placed in the working directory before the compilation, as for a code item's <c>files</c> (headers, data, more sources).</summary>
    public IReadOnlyList<CodeFileSpec>? Files { get; init; }

    /// <summary>Files the program wrote, returned in <see cref="RunResult.Files"/> (as a code item's <c>fetchFiles</c>). Example: <c>["out.txt"]</c>.</summary>
    public IReadOnlyList<string>? FetchFiles { get; init; }

    /// <summary>Compile settings from the language's allow-list, as for a code item's <c>compileOptions</c>.</summary>
    public CompileOptionsSpec? CompileOptions { get; init; }
}

/// <summary>The response of <c>POST /v1/run</c>: one result per item, in request order.</summary>
public sealed record RunResponse
{
    public required IReadOnlyList<RunResult> Results { get; init; }
}

/// <summary>What came of one program.</summary>
/// <example>{"index":0,"status":"ok","compile":null,"run":{"status":"ok","exitCode":0,"signal":null,"stdout":"cba\n","stderr":"","cpuMs":21.4,"wallMs":23.0,"memoryKb":9100}}</example>
public sealed record RunResult
{
    public int Index { get; init; }

    public string? Id { get; init; }

    /// <summary>
    /// <c>ok</c> (it ran and exited 0), <c>compile_error</c>, <c>runtime_error</c> (a non-zero exit or a signal: see
    /// <see cref="Run"/>), <c>time_limit</c>, <c>memory_limit</c>, <c>output_limit</c>; or, when the service could
    /// not run it (nothing the program did), <c>infra_error</c>, <c>timeout</c> or <c>cancelled</c> (and <c>error</c>
    /// from the SDK when no replica answered).
    /// </summary>
    public required string Status { get; init; }

    /// <summary>
    /// The compile step: the compiler's, or the syntax check of an interpreted language (null when the language has
    /// none, and when nothing ran).
    /// </summary>
    public CompileOutcome? Compile { get; init; }

    /// <summary>The run (null when it did not start: a compile error, or the service's failure).</summary>
    public ProgramOutcome? Run { get; init; }

    /// <summary>A sentence on a status other than <c>ok</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>fetchFiles</c>, in the order asked, as the run left them (null when none were asked for).</summary>
    public IReadOnlyList<FetchedFileOutcome>? Files { get; init; }
}

/// <summary>One compile step.</summary>
public sealed record CompileOutcome
{
    /// <summary><c>ok</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The compiler's first diagnostics, on an error.</summary>
    public string? Output { get; init; }

    public double? TimeMs { get; init; }
}

/// <summary>One run of the program.</summary>
public sealed record ProgramOutcome
{
    /// <summary>As <see cref="RunResult.Status"/>, for the run alone.</summary>
    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the program (<c>SIGSEGV</c>, ...), if one did.</summary>
    public string? Signal { get; init; }

    /// <summary>Standard output, up to the output limit (what came before the limit, when it was hit).</summary>
    public required string Stdout { get; init; }

    /// <summary>Standard error: its first <c>Sandbox:StderrExcerptBytes</c> (2 KB by default).</summary>
    public required string Stderr { get; init; }

    public double CpuMs { get; init; }

    public double WallMs { get; init; }

    /// <summary>Peak resident memory, when measured.</summary>
    public long? MemoryKb { get; init; }
}
