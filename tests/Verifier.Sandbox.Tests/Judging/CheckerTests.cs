using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Judging;

/// <summary>The built-in checkers on real runs, in one language of each family.</summary>
[Collection(SandboxCollection.Name)]
public class CheckerTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private Task<CodeVerdict> RunAsync(string language, string code, IoTests tests) =>
        _sandbox.VerifyAsync(Make(language, code, tests, timeMs: 5_000, memoryMb: null, Key, runAll: true, CodeScoring.Binary));

    [Theory]
    [InlineData("python")]
    [InlineData("cpp")]
    [InlineData("csharp")]
    public async Task Unordered_AcceptsAnyOrder_ButNotAProgramThatPrintsEveryCandidate(string language)
    {
        var programs = JudgingPrograms.For(language);
        var divisors = Io(("12\n", "1\n2\n3\n4\n6\n12\n"), ("7\n", "1\n7\n"));

        var anyOrder = await RunAsync(language, programs.DivisorsDescending, divisors with { Checker = OutputCheck.Unordered(UnorderedItems.Lines) });
        var inOrder = await RunAsync(language, programs.DivisorsDescending, divisors);
        var everything = await RunAsync(language, programs.OneToN, divisors with { Checker = OutputCheck.Unordered(UnorderedItems.Tokens) });

        Assert.Equal(CodeVerdictKind.Accepted, anyOrder.Verdict);
        Assert.Equal(CodeVerdictKind.WrongAnswer, inOrder.Verdict);
        Assert.Equal([CodeVerdictKind.WrongAnswer, CodeVerdictKind.WrongAnswer], everything.Tests.Select(t => t.Verdict));
    }

    [Theory]
    [InlineData("python")]
    [InlineData("cpp")]
    [InlineData("csharp")]
    public async Task Float_PassesWithinItsToleranceOnly_AndKeepsIntegersExact(string language)
    {
        var code = JudgingPrograms.For(language).SquareRoot;
        var tests = Io(("2\n", "1.4142\n"), ("2\n", "1.4144\n"), ("4\n", "2\n"), ("4\n", "2.0\n")) with { Checker = OutputCheck.Float(absolute: 1e-4, relative: 0) };

        var verdict = await RunAsync(language, code, tests);

        // sqrt(2) = 1.41421356...: within 1e-4 of 1.4142 but not of 1.4144; "2.000000000000" is no integer 2, but is 2.0.
        Assert.Equal([CodeVerdictKind.Accepted, CodeVerdictKind.WrongAnswer, CodeVerdictKind.WrongAnswer, CodeVerdictKind.Accepted], verdict.Tests.Select(t => t.Verdict));
    }

    [Theory]
    [InlineData("python")]
    [InlineData("cpp")]
    [InlineData("csharp")]
    public async Task ExactAndLines_HoldTheTextToTheLetter(string language)
    {
        var code = JudgingPrograms.For(language).DivisorsDescending;
        var tests = Io(("6\n", "6\n3\n2\n1\n"), ("6\n", "6\n3\n2\n1"), ("6\n", "6\n3\n2\n1.0\n"));

        var exact = await RunAsync(language, code, tests with { Checker = OutputCheck.Exact });
        var lines = await RunAsync(language, code, tests with { Checker = OutputCheck.Lines });

        Assert.Equal([CodeVerdictKind.Accepted, CodeVerdictKind.WrongAnswer, CodeVerdictKind.WrongAnswer], exact.Tests.Select(t => t.Verdict));
        Assert.Equal([CodeVerdictKind.Accepted, CodeVerdictKind.Accepted, CodeVerdictKind.WrongAnswer], lines.Tests.Select(t => t.Verdict));
    }

    [Fact]
    public async Task ToleranceWithAnotherChecker_IsRefusedBeforeAnythingRuns()
    {
        var tests = Io(("2\n", "1.4142\n")) with { Checker = OutputCheck.Float(1e-4, 0), Tolerance = 1e-6 };

        var refused = await Assert.ThrowsAsync<CodeRequestException>(() => RunAsync("python", JudgingPrograms.Python.SquareRoot, tests));

        Assert.Equal("tests.tolerance", refused.Field);
    }
}
