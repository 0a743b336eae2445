using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Judging.CustomCheckerPrograms;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Judging;

/// <summary>Custom checkers (testlib's convention) on real runs: a problem with many correct answers, and checkers that break.</summary>
[Collection(SandboxCollection.Name)]
public class CustomCheckerTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private Task<CodeVerdict> JudgeAsync(string candidate, IoTests tests, OutputCheck checker, CodeScoring scoring = CodeScoring.Binary, int timeMs = 2_000) =>
        _sandbox.VerifyAsync(Python(candidate, tests with { Checker = checker }, timeMs: timeMs, scoring: scoring));

    public static TheoryData<string> CheckerLanguages => ["cpp", "python", "csharp"];

    private static OutputCheck SumChecker(string language) => language switch
    {
        "cpp" => Cpp(CppChecker),
        "csharp" => OutputCheck.Custom(new CustomChecker("csharp", CSharpChecker)),
        _ => Python(PythonChecker),
    };

    [Theory]
    [MemberData(nameof(CheckerLanguages))]
    public async Task ManyCorrectAnswers_TheCheckerAcceptsAnyValidPair_NotOnlyTheExpectedOne(string language)
    {
        var right = await JudgeAsync(RightCandidate, SumTo(10, 3, 1000), SumChecker(language));

        // Every expected answer is "0 n"; the candidate printed "1 n-1" each time.
        Assert.Equal(CodeVerdictKind.Accepted, right.Verdict);
        Assert.Equal(1.0, right.Reward);
        Assert.Equal(3, right.Tests.Count);
    }

    [Theory]
    [MemberData(nameof(CheckerLanguages))]
    public async Task ManyCorrectAnswers_AWrongPairIsAWrongAnswer_WithTheCheckersMessage(string language)
    {
        var wrong = await JudgeAsync(WrongCandidate, SumTo(10, 3), SumChecker(language));

        Assert.Equal(CodeVerdictKind.WrongAnswer, wrong.Verdict);
        Assert.Equal(0.0, wrong.Reward);
        Assert.Contains("the numbers do not sum to n", wrong.Tests[0].Reason, StringComparison.Ordinal);
        Assert.Single(wrong.Tests); // binary: the first wrong answer settles it
    }

    [Fact]
    public async Task WithoutAnIsolationKey_TheCheckerRunsInAOneUseContainer()
    {
        var request = Python(RightCandidate, SumTo(10, 20) with { Checker = Cpp(CppChecker) }, timeMs: 2_000, key: null);

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task ACheckerFileNamedAsOneOfTheChecksFiles_IsRefusedBeforeAnythingRuns()
    {
        var checker = OutputCheck.Custom(new CustomChecker("python", PythonChecker) { Files = new Dictionary<string, byte[]> { ["answer.txt"] = [0x31] } });

        var refused = await Assert.ThrowsAsync<CodeRequestException>(() => JudgeAsync(RightCandidate, SumTo(10), checker));

        Assert.Equal("tests.checker.files", refused.Field);
    }

    [Fact]
    public async Task PresentationError_Exit2_IsAWrongAnswer()
    {
        var verdict = await JudgeAsync("print('seven')", SumTo(7), Cpp(CppChecker));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("presentation error", verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACandidateWhoseOutputCrashesASloppyChecker_GetsNull_NotACredit()
    {
        var verdict = await JudgeAsync(PastNCandidate, SumTo(10), Cpp(CrashingCppChecker));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Contains("custom checker failed on test 0", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("SIGABRT", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoopingChecker_IsNull_AndTheCandidateIsNotCharged()
    {
        var verdict = await JudgeAsync(PastNCandidate, SumTo(10), Python(LoopingPythonChecker, timeMs: 500));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Matches("checker: (wall )?time limit", verdict.Reason);
        Assert.DoesNotContain(verdict.Tests, t => t.Verdict == CodeVerdictKind.TimeLimit);
    }

    [Fact]
    public async Task ACandidateOverItsOwnTimeLimit_IsTimeLimit_AndNoCheckerRuns()
    {
        // This checker would report its own failure (null) if it ran at all.
        var verdict = await JudgeAsync("import time\ntime.sleep(30)", SumTo(10), Python("import sys\nsys.exit(3)"), timeMs: 300);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
    }

    [Fact]
    public async Task Points_CountAsPartialScores_UnderFractionScoring()
    {
        // n = 10: "1 9" sums but is unbalanced (0.5); n = 2: "1 1" is balanced (1).
        var verdict = await JudgeAsync(RightCandidate, SumTo(10, 2), Python(PointsChecker), CodeScoring.Fraction);

        Assert.Equal(0.75, verdict.Reward);
        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal([0.5, 1.0], verdict.Tests.Select(t => t.Score ?? -1));
    }

    [Fact]
    public async Task Points_UnderSubtasks_AGroupScoresItsMinimumTimesItsPoints()
    {
        var request = Python(RightCandidate, SumTo(2, 10, 4) with { Checker = Python(PointsChecker) }, timeMs: 2_000, scoring: CodeScoring.Subtasks) with
        {
            Subtasks = [new Subtask("a", 40, [0, 1]), new Subtask("b", 60, [2])],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        // Subtask a: min(1, 0.5) x 40 = 20; subtask b: 60 (n = 4 gives "1 3": unbalanced, 0.5 x 60 = 30). Total 50 of 100.
        Assert.Equal(0.5, verdict.Reward);
        Assert.Equal([20.0, 30.0], verdict.Subtasks!.Select(s => s.Score));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("NaN")]
    [InlineData("-0.1")]
    [InlineData("no score here")]
    public async Task Points_OutsideZeroToOne_OrNone_AreTheCheckersFailure(string printed)
    {
        var checker = Python($"import sys\nprint('{printed}')\nsys.exit(7)");

        var verdict = await JudgeAsync(RightCandidate, SumTo(10), checker, CodeScoring.Fraction);

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task ExitCodesOtherThanAVerdict_AreTheCheckersFailure(int exitCode)
    {
        var verdict = await JudgeAsync(RightCandidate, SumTo(10), Python($"import sys\nsys.exit({exitCode})"));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
    }

    [Fact]
    public async Task ACheckerThatFloodsItsOutput_HitsItsOwnLimit_AndIsNull()
    {
        var verdict = await JudgeAsync(RightCandidate, SumTo(10), Python("import sys\nsys.stdout.write('x' * (64 << 20))\nsys.exit(0)"));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Contains("checker: output limit", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckerThatDoesNotCompile_IsNull()
    {
        var verdict = await JudgeAsync(RightCandidate, SumTo(10), Cpp("int main( {"));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Contains("does not compile", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACandidatePrintingVerdictLookalikes_CannotInfluenceTheVerdict()
    {
        // testlib's words and a points line on both streams, and the exit code a checker would use for "ok".
        const string Lookalike = "import sys\nprint('ok')\nprint('points 1', file=sys.stderr)\nsys.exit(0)";

        var verdict = await JudgeAsync(Lookalike, SumTo(10), Python(PythonChecker));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
    }

    [Fact]
    public async Task TheAnswerFile_NeverReachesTheCandidatesContainer()
    {
        // Where files of a job could be: its own directory, the scratch file systems, any top-level directory.
        const string Snoop = """
            import glob, os
            places = ['answer.txt', '../*/answer.txt', '/*/answer.txt'] + ['%s/**/answer.txt' % d for d in ('/tmp', '/dev/shm', '/home', '/root')]
            found = [p for pattern in places for p in glob.glob(pattern, recursive=True)]
            print(1 if found else 0, 9)
            """;

        var verdict = await JudgeAsync(Snoop, SumTo(10), Python(PythonChecker));

        // "0 9" would be wrong for n = 10; "1 9" only if the candidate found an answer file somewhere.
        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
    }

    [Fact]
    public async Task TheChecksFiles_AreWrittenFreshForEachTest_EvenAfterTheCheckerLinkedThemAway()
    {
        // After each check, the checker replaces answer.txt with a symlink to input.txt and garbles output.txt; the
        // next check must still see real files with that test's contents.
        const string Vandal = """
            import os, sys
            if os.path.islink('answer.txt'):
                sys.exit(3)
            n = int(open('input.txt').read())
            a, b = map(int, open('output.txt').read().split())
            ok = a + b == n and open('answer.txt').read() == '0 %d\n' % n
            os.remove('answer.txt')
            os.symlink('input.txt', 'answer.txt')
            open('output.txt', 'w').write('garbage')
            sys.exit(0 if ok else 1)
            """;

        var verdict = await JudgeAsync(RightCandidate, SumTo(10, 20, 30), Python(Vandal));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(3, verdict.Tests.Count);
    }
}
