using Verifier.Core.Code;

namespace Verifier.Sandbox.Execution;

/// <summary>A submission's limits: the request's, else the configured defaults.</summary>
internal sealed record ResolvedLimits(int TimeMs, int MemoryMb, double WallMs, long OutputBytes, SandboxOptions Options)
{
    /// <summary>The programs' stack limit: the request's, else the memory limit (a deep recursion is then a memory matter).</summary>
    public long StackBytes { get; init; } = MemoryMb * Mb;

    private const long Mb = 1024 * 1024;

    public static ResolvedLimits From(CodeLimits? limits, SandboxOptions options)
    {
        var time = limits?.TimeMs ?? options.DefaultTimeMs;
        var memory = limits?.MemoryMb ?? options.DefaultMemoryMb;
        var output = limits?.OutputKb ?? options.OutputLimitKb;
        return new ResolvedLimits(time, memory, options.WallMsFor(time), output * 1024L, options)
        {
            StackBytes = (limits?.StackMb ?? memory) * Mb,
        };
    }

    public double CompileWallMs => Options.WallMsFor(Options.CompileTimeMs);

    public RunLimits ForJudging() => new(TimeMs, WallMs, MemoryMb * 1024L);

    public LimitsMessage ToMessage(int calls) => new(
        CpuMs: TimeMs,
        WallMs: WallMs,
        MemoryBytes: MemoryMb * Mb,
        OutputBytes: OutputBytes,
        StderrBytes: Options.StderrExcerptBytes,
        FileBytes: Options.FileSizeMb * Mb,
        CompileFileBytes: Options.TmpfsMb * Mb,
        OpenFiles: Options.OpenFilesLimit,
        StackBytes: StackBytes,
        // A function server lives through all calls: its CPU backstop covers them all plus its start.
        ServerCpuMs: (TimeMs * (double)Math.Max(1, calls)) + 2_000);

    /// <summary>How long the verifier waits for one exchange before it declares the supervisor lost.</summary>
    public TimeSpan ExchangeTimeout => TimeSpan.FromMilliseconds(WallMs + SandboxOptions.ExchangeAllowanceMs);

    /// <summary>How long the tests of one submission may take together.</summary>
    public TimeSpan TestBudget => TimeSpan.FromMilliseconds(Options.ItemTimeBudgetMs);
}
