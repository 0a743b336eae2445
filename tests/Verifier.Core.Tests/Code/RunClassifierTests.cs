using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class RunClassifierTests
{
    private static readonly RunLimits Limits = new(CpuMs: 1000, WallMs: 2500, MemoryKb: 256 * 1024);

    [Fact]
    public void Classify_WhenCleanExit_IsNull() =>
        Assert.Null(RunClassifier.Classify(new ProgramRun { ExitCode = 0, CpuMs = 10, WallMs = 12, MaxRssKb = 9000 }, Limits));

    [Theory]
    [InlineData(RunStop.Output, CodeVerdictKind.OutputLimit)]
    [InlineData(RunStop.WallTime, CodeVerdictKind.TimeLimit)]
    [InlineData(RunStop.CpuTime, CodeVerdictKind.TimeLimit)]
    public void Classify_WhenStoppedBySandbox_NamesTheLimit(RunStop stop, CodeVerdictKind verdict) =>
        Assert.Equal(verdict, RunClassifier.Classify(new ProgramRun { Signal = 9, StoppedFor = stop }, Limits)?.Verdict);

    [Fact]
    public void Classify_WhenOomKilled_IsMemoryLimit() =>
        Assert.Equal(CodeVerdictKind.MemoryLimit, RunClassifier.Classify(new ProgramRun { Signal = 9, OomKilled = true }, Limits)?.Verdict);

    [Fact]
    public void Classify_WhenPeakMemoryOverLimit_IsMemoryLimitEvenIfItExitedCleanly() =>
        Assert.Equal(CodeVerdictKind.MemoryLimit, RunClassifier.Classify(new ProgramRun { ExitCode = 0, MaxRssKb = 300 * 1024 }, Limits)?.Verdict);

    [Fact]
    public void Classify_WhenCpuOverLimitButExited_IsTimeLimit() =>
        Assert.Equal(CodeVerdictKind.TimeLimit, RunClassifier.Classify(new ProgramRun { ExitCode = 0, CpuMs = 1001 }, Limits)?.Verdict);

    [Fact]
    public void Classify_WhenSigXcpu_IsTimeLimit() =>
        Assert.Equal(CodeVerdictKind.TimeLimit, RunClassifier.Classify(new ProgramRun { Signal = 24 }, Limits)?.Verdict);

    [Theory]
    [InlineData(null, 11, "killed by SIGSEGV")]
    [InlineData(1, null, "exit code 1")]
    [InlineData(null, 25, "file size limit exceeded (SIGXFSZ)")]
    public void Classify_WhenProgramFails_IsRuntimeErrorWithReason(int? exitCode, int? signal, string reason)
    {
        var failure = RunClassifier.Classify(new ProgramRun { ExitCode = exitCode, Signal = signal }, Limits);

        Assert.Equal(CodeVerdictKind.RuntimeError, failure?.Verdict);
        Assert.Equal(reason, failure?.Reason);
    }

    [Fact]
    public void Classify_WhenNoExitStatus_IsRuntimeError() =>
        Assert.Equal(CodeVerdictKind.RuntimeError, RunClassifier.Classify(new ProgramRun(), Limits)?.Verdict);
}
