namespace Verifier.Core.Code;

/// <summary>A failed run's verdict and the reason, in a sentence.</summary>
public readonly record struct RunFailure(CodeVerdictKind Verdict, string Reason);

/// <summary>Judges a run's raw facts against its limits. Output is compared elsewhere; this only says whether the run itself failed.</summary>
public static class RunClassifier
{
    private const int SigXcpu = 24;
    private const int SigXfsz = 25;

    /// <summary>Null when the program ended by itself with exit code 0 within every limit.</summary>
    public static RunFailure? Classify(ProgramRun run, RunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(limits);
        if (run.StoppedFor == RunStop.Output)
        {
            return new RunFailure(CodeVerdictKind.OutputLimit, "output limit exceeded");
        }

        if (run.StoppedFor == RunStop.Memory || run.OomKilled || run.MaxRssKb > limits.MemoryKb)
        {
            return new RunFailure(CodeVerdictKind.MemoryLimit, $"memory limit of {limits.MemoryKb / 1024} MB exceeded");
        }

        if (run.StoppedFor == RunStop.WallTime)
        {
            return new RunFailure(CodeVerdictKind.TimeLimit, $"wall time limit of {limits.WallMs:0} ms exceeded");
        }

        if (run.StoppedFor == RunStop.CpuTime || run.Signal == SigXcpu || run.CpuMs > limits.CpuMs)
        {
            return new RunFailure(CodeVerdictKind.TimeLimit, $"time limit of {limits.CpuMs:0} ms exceeded");
        }

        if (run.Signal == SigXfsz)
        {
            return new RunFailure(CodeVerdictKind.RuntimeError, "file size limit exceeded (SIGXFSZ)");
        }

        if (run.Signal is { } signal)
        {
            return new RunFailure(CodeVerdictKind.RuntimeError, $"killed by {SignalNames.Name(signal)}");
        }

        return run.ExitCode == 0
            ? null
            : new RunFailure(CodeVerdictKind.RuntimeError, $"exit code {run.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}");
    }
}

/// <summary>Linux x86-64 signal names.</summary>
public static class SignalNames
{
    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    public static string Name(int signal) =>
        signal > 0 && signal < Names.Length ? Names[signal] : $"signal {signal.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The number of a name <see cref="Name"/> gives, or null for another name.</summary>
    public static int? Number(string name)
    {
        var index = Array.IndexOf(Names, name);
        if (index > 0)
        {
            return index;
        }

        return name.StartsWith("signal ", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
