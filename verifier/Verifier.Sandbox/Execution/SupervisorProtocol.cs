using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Execution;

// The frames exchanged with the supervisor (Harness/supervisor.py). Names are camelCase on the wire.

/// <summary>Writes the files and compiles; may carry the first test (run after a successful compile) and the finish.</summary>
internal sealed record PrepareMessage(
    Dictionary<string, string> Files,
    IReadOnlyDictionary<string, string> Env,
    RunnerMessage Runner,
    LimitsMessage Limits,
    CompileMessage? Compile,
    object? Test,
    FinishRequest? Finish)
{
    public string Op => "prepare";

    /// <summary>Paths to read back from the job's directory at the finish, before the scrub.</summary>
    public FetchMessage? Fetch { get; init; }
}

/// <summary>What the finish reads back: regular files only, never through a symlink, each and all together capped.</summary>
internal sealed record FetchMessage(IReadOnlyList<string> Paths, long FileBytes, long TotalBytes);

/// <summary>One fetched path as the supervisor found it; <see cref="Content"/> is base64.</summary>
internal sealed record FetchedReply(string Path, string Status, long? Bytes, string? Content);

/// <summary>Ends the submission after the step that carries it (and, in fast mode, scrubs the container).</summary>
internal sealed record FinishRequest(bool Scrub);

internal sealed record RunnerMessage(string Kind, IReadOnlyList<string> Argv, bool ReportsSyntax);

internal sealed record CompileMessage(string Kind, IReadOnlyList<string>? Argv, string? File, double CpuMs, double WallMs, int OutputBytes);

/// <summary>Per-test limits as the supervisor enforces them (its watch loop, and rlimits as a backstop).</summary>
internal sealed record LimitsMessage(
    double CpuMs,
    double WallMs,
    long MemoryBytes,
    long OutputBytes,
    int StderrBytes,
    long FileBytes,
    long CompileFileBytes,
    int OpenFiles,
    long StackBytes,
    double ServerCpuMs);

internal sealed record RunMessage(string Stdin, string? Marker)
{
    public string Op => "run";

    /// <summary>Written into the job's directory (name to base64) before this run starts, replacing whatever is there: a custom checker's three files.</summary>
    public Dictionary<string, string>? Files { get; init; }

    public FinishRequest? Finish { get; init; }
}

internal sealed record CallMessage(string Entry, JsonElement Args)
{
    public string Op => "call";

    public FinishRequest? Finish { get; init; }
}

internal sealed record CheckMessage(string Entry, string Code)
{
    public string Op => "check";

    public FinishRequest? Finish { get; init; }
}

internal sealed record FinishMessage(bool Scrub)
{
    public string Op => "finish";
}

internal sealed record PingMessage
{
    public string Op => "ping";
}

/// <summary>The Python judge's verdict on a <c>check(candidate)</c> run.</summary>
internal sealed record JudgeOutcome(string Outcome, string? Message);

/// <summary>Any frame from the supervisor; which fields are set depends on <see cref="Op"/>.</summary>
internal sealed record SupervisorReply
{
    public string Op { get; init; } = "";

    public string? Reason { get; init; }

    public int Protocol { get; init; }

    // Run facts (run, call, check, and a compile).
    public int? ExitCode { get; init; }

    public int? Signal { get; init; }

    public double CpuMs { get; init; }

    public double WallMs { get; init; }

    public long? MaxRssKb { get; init; }

    public string? StoppedFor { get; init; }

    public bool OomKilled { get; init; }

    /// <summary>Base64 of the captured stdout (at most the output limit).</summary>
    public string? Stdout { get; init; }

    public long StdoutBytes { get; init; }

    public string? Stderr { get; init; }

    /// <summary>Base64 of what the assert harness echoed on fd 4.</summary>
    public string? Marker { get; init; }

    /// <summary>A compiler's combined output.</summary>
    public string? Output { get; init; }

    /// <summary>The function server's raw answer to a call.</summary>
    public string? Response { get; init; }

    /// <summary>The function server ended (or was stopped) during the call.</summary>
    public bool Exited { get; init; }

    public JudgeOutcome? Judge { get; init; }

    public SupervisorReply? Compile { get; init; }

    /// <summary>The first test's facts, when a prepare carried it.</summary>
    public SupervisorReply? Result { get; init; }

    /// <summary>The finish's outcome, when the step carried one.</summary>
    public SupervisorReply? Finished { get; init; }

    // finish
    public bool Clean { get; init; }

    /// <summary>The fetched files, when the prepare asked for some.</summary>
    public IReadOnlyList<FetchedReply>? Fetched { get; init; }

    public IReadOnlyList<string>? Problems { get; init; }

    public ProgramRun ToProgramRun() => new()
    {
        ExitCode = ExitCode,
        Signal = Signal,
        CpuMs = CpuMs,
        WallMs = WallMs,
        MaxRssKb = MaxRssKb,
        OomKilled = OomKilled,
        StoppedFor = StoppedFor switch
        {
            "cpu" => RunStop.CpuTime,
            "wall" => RunStop.WallTime,
            "output" => RunStop.Output,
            "memory" => RunStop.Memory,
            _ => RunStop.None,
        },
    };
}

/// <summary>The function server's answer to one call.</summary>
internal sealed record CallAnswer(bool Ok, string? Kind, string? Type, string? Message, JsonElement? Value);
