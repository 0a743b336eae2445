namespace Verifier.Core.Code;

/// <summary>Why the sandbox stopped a program before it ended by itself.</summary>
public enum RunStop
{
    None,
    CpuTime,
    WallTime,
    Output,
    Memory,
}

/// <summary>What the sandbox observed of one program run (raw facts, before any judgement).</summary>
public sealed record ProgramRun
{
    public int? ExitCode { get; init; }

    /// <summary>The number of the signal that ended the program, if one did.</summary>
    public int? Signal { get; init; }

    public double CpuMs { get; init; }

    public double WallMs { get; init; }

    public long? MaxRssKb { get; init; }

    public RunStop StoppedFor { get; init; }

    /// <summary>The kernel's OOM killer fired in the container during the run.</summary>
    public bool OomKilled { get; init; }
}

/// <summary>The limits a run is judged against.</summary>
public sealed record RunLimits(double CpuMs, double WallMs, long MemoryKb);
