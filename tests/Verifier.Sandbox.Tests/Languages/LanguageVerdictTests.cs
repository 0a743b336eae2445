using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Languages;

/// <summary>
/// Every verdict, the containment probes, and MultiPL-E-style assert programs, in each of the ten languages added with
/// Java: the same taxonomy as Python and C++. A probe passes only by printing what a contained program sees.
/// </summary>
[Collection(SandboxCollection.Name)]
public class LanguageVerdictTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    public static TheoryData<string> Languages => LanguageSamples.Names;

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenOutputsMatch_IsAccepted(string language)
    {
        var verdict = await RunAsync(language, s => s.Sum, Io(("1 2", "3"), ("4000000000 4000000000", "8000000000")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Describe(verdict));
        Assert.Equal(2, verdict.TestsRun);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenOutputDiffers_IsWrongAnswer(string language)
    {
        var verdict = await RunAsync(language, s => s.Sum, Io(("1 2", "4")));

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, Describe(verdict));
        Assert.Equal("3\n", verdict.Tests[0].Output);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenCodeDoesNotCompile_IsCompileErrorWithDiagnostics(string language)
    {
        var verdict = await RunAsync(language, s => s.CompileError, Io(("", "")));

        Assert.True(verdict.Verdict == CodeVerdictKind.CompileError, Describe(verdict));
        Assert.Equal(0.0, verdict.Reward);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
        Assert.Empty(verdict.Tests);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenTheProgramFails_IsRuntimeError(string language)
    {
        var verdict = await RunAsync(language, s => s.RuntimeError, Io(("", "")));

        Assert.True(verdict.Verdict == CodeVerdictKind.RuntimeError, Describe(verdict));
        var test = verdict.Tests[0];
        Assert.True(test.ExitCode is not 0 || test.Signal is not null, Describe(verdict));
        // The tail of stderr is kept: "boom" where the runtime prints the message last, else the end of a stack trace.
        Assert.False(string.IsNullOrWhiteSpace(test.Stderr), Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenLooping_IsTimeLimit(string language)
    {
        var verdict = await RunAsync(language, s => s.Loop, Io(("", "")), timeMs: 1_000);

        Assert.True(verdict.Verdict == CodeVerdictKind.TimeLimit, Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenAllocatingWithoutEnd_IsMemoryLimit(string language)
    {
        var verdict = await RunAsync(language, s => s.Memory, Io(("", "")), timeMs: 10_000, memoryMb: 256);

        Assert.True(verdict.Verdict == CodeVerdictKind.MemoryLimit, Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WhenPrintingWithoutEnd_IsOutputLimit(string language)
    {
        var verdict = await RunAsync(language, s => s.Flood, Io(("", "")), timeMs: 10_000);

        Assert.True(verdict.Verdict == CodeVerdictKind.OutputLimit, Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_NetworkIsUnreachable(string language)
    {
        var verdict = await RunAsync(language, s => s.Network, Prints("blocked\n"), timeMs: 5_000);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_WritesOutsideTheWorkDirectoryAreRefused(string language)
    {
        var verdict = await RunAsync(language, s => s.WriteOutside, Prints("denied\n"));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Describe(verdict));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Io_ForkBomb_IsChargedToTheSubmission_AndTheSandboxStaysUsable(string language)
    {
        var bomb = await RunAsync(language, s => s.ForkBomb, Io(("", "")), timeMs: 1_000);

        Assert.NotEqual(CodeVerdictKind.Accepted, bomb.Verdict);
        Assert.True(bomb.Reward is 0.0, Describe(bomb));

        var next = await RunAsync(language, s => s.Sum, Io(("1 2", "3")));
        Assert.True(next.Verdict == CodeVerdictKind.Accepted, Describe(next));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Assert_WhenTheTestsPass_IsAccepted(string language)
    {
        var verdict = await RunAsync(language, s => s.Add, s => s.AddTests);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Describe(verdict));
        Assert.Equal(1.0, verdict.Reward);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Assert_WhenACheckFails_IsWrongAnswer(string language)
    {
        var verdict = await RunAsync(language, s => s.WrongAdd, s => s.AddTests);

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, Describe(verdict));
        Assert.Equal(0.0, verdict.Reward);
    }

    [Theory]
    // Where each language's tests report the failed check: Rust and Node on stderr, go test and luaunit on stdout.
    [InlineData("rust", "left")]
    [InlineData("javascript", "AssertionError")]
    [InlineData("go", "add(2, 3) =")]
    [InlineData("lua", "expected: 5, actual:")]
    public async Task Assert_WhenACheckFails_TheReasonCarriesTheTestsReport(string language, string report)
    {
        var verdict = await RunAsync(language, s => s.WrongAdd, s => s.AddTests);

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, Describe(verdict));
        Assert.Contains(report, verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Assert_WhenTheSubmissionExitsZeroBeforeTheTests_Fails(string language)
    {
        var verdict = await RunAsync(language, s => s.EarlyExit, s => s.AddTests);

        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted && verdict.Reward is 0.0, Describe(verdict));
    }

    private Task<CodeVerdict> RunAsync(string language, Func<LanguageSamples, string> code, CodeTests tests, int? timeMs = null, int? memoryMb = null) =>
        _sandbox.VerifyAsync(Make(language, code(LanguageSamples.All[language]), tests, timeMs, memoryMb, Key, runAll: false, CodeScoring.Binary));

    private Task<CodeVerdict> RunAsync(string language, Func<LanguageSamples, string> code, Func<LanguageSamples, string> tests)
    {
        var samples = LanguageSamples.All[language];
        return _sandbox.VerifyAsync(Make(language, code(samples), Checks("add", tests(samples)), timeMs: 10_000, memoryMb: null, Key, runAll: false, CodeScoring.Binary));
    }

    internal static string Describe(CodeVerdict verdict)
    {
        var test = verdict.Tests.FirstOrDefault();
        return $"{verdict.Verdict}: {verdict.Reason} | exit {test?.ExitCode} signal {test?.Signal} | stdout {Excerpt(test?.Output)} | stderr {Excerpt(test?.Stderr)}";
    }

    private static string Excerpt(string? text) => text is null ? "-" : text.Length > 300 ? text[..300] + "..." : text;
}
