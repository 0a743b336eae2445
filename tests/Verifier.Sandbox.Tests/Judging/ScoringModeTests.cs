using Verifier.Core.Code;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Judging;

/// <summary>Subtask and weighted scoring on real runs: what runs, what is skipped, what it is worth.</summary>
[Collection(SandboxCollection.Name)]
public class ScoringModeTests(SharedSandbox shared)
{
    // The program doubles n up to 100 and is wrong above; on n = 7777 it sleeps 30 s, past any limit, if it runs at all.
    private static readonly IoTests Doubling = Io(("1\n", "2\n"), ("2\n", "4\n"), ("1000\n", "2000\n"), ("7777\n", "15554\n"), ("50\n", "100\n"));

    private static readonly Subtask[] SmallAndLarge = [new("small", 30, [0, 1, 4]), new("large", 70, [2, 3])];

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private static CodeRequest Subtasks(string language, bool runAll = false) =>
        Make(language, JudgingPrograms.For(language).DoubleSmallOnes, Doubling, timeMs: 1_000, memoryMb: null, Key, runAll, CodeScoring.Subtasks) with
        {
            Subtasks = SmallAndLarge,
        };

    [Theory]
    [InlineData("python")]
    [InlineData("cpp")]
    [InlineData("csharp")]
    public async Task Subtasks_AFailedGroupSkipsItsLaterTests_AndTheOtherGroupsStillScore(string language)
    {
        var verdict = await _sandbox.VerifyAsync(Subtasks(language));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(0.3, verdict.Reward);
        // Test 3 (the 30 s sleep) never ran: no result for it, and test 4 of the other subtask ran after it.
        Assert.Equal([0, 1, 2, 4], verdict.Tests.Select(t => t.Index));
        Assert.All(verdict.Tests, t => Assert.True(t.WallMs < 5_000, $"test {t.Index} took {t.WallMs} ms"));
        var large = verdict.Subtasks![1];
        Assert.Equal((0.0, CodeVerdictKind.WrongAnswer, 2), (large.Score, large.Verdict!.Value, large.FailedTest!.Value));
        Assert.Equal([3], large.Skipped);
        Assert.Equal((30.0, CodeVerdictKind.Accepted), (verdict.Subtasks[0].Score, verdict.Subtasks[0].Verdict!.Value));
    }

    [Fact]
    public async Task Subtasks_WithRunAll_RunTheSkippableTestToo_WhichShowsItWouldHaveCostItsTimeLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Subtasks("python", runAll: true));

        Assert.Equal([0, 1, 2, 3, 4], verdict.Tests.Select(t => t.Index));
        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Tests[3].Verdict);
        Assert.Equal(0.3, verdict.Reward);
        Assert.Empty(verdict.Subtasks![1].Skipped);
    }

    [Fact]
    public async Task Subtasks_WhenEveryTestPasses_AreAcceptedWithReward1()
    {
        var easy = Io(("1\n", "2\n"), ("2\n", "4\n"), ("50\n", "100\n"));
        var request = Make("python", JudgingPrograms.Python.DoubleSmallOnes, easy, timeMs: 1_000, memoryMb: null, Key, false, CodeScoring.Subtasks) with
        {
            Subtasks = [new Subtask("samples", 0, [0]), new Subtask("rest", 10, [1, 2])],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal((CodeVerdictKind.Accepted, 1.0), (verdict.Verdict, verdict.Reward!.Value));
    }

    [Theory]
    [InlineData("python")]
    [InlineData("cpp")]
    [InlineData("csharp")]
    public async Task Weighted_RunsEveryTest_AndRewardsThePassedWeights(string language)
    {
        var tests = Io(("1\n", "2\n"), ("1000\n", "2000\n"), ("50\n", "100\n"));
        var request = Make(language, JudgingPrograms.For(language).DoubleSmallOnes, tests, timeMs: 1_000, memoryMb: null, Key, false, CodeScoring.Weighted) with
        {
            Weights = [1, 6, 3],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(3, verdict.TestsRun);
        Assert.Equal(0.4, verdict.Reward!.Value, 12);
    }

    [Fact]
    public async Task Subtasks_OfFunctionTests_SkipTheFailedGroupsLaterCalls()
    {
        // Wrong from 10 on; the call with 99 would loop for ever if it were made.
        const string code = "def f(n):\n    while n == 99: pass\n    return n * n if n < 10 else 0\n";
        var tests = Function("f", ("[2]", "4"), ("[12]", "144"), ("[99]", "9801"), ("[3]", "9"));
        var request = Make("python", code, tests, timeMs: 1_000, memoryMb: null, Key, false, CodeScoring.Subtasks) with
        {
            Subtasks = [new Subtask("small", 1, [0, 3]), new Subtask("large", 3, [1, 2])],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal([0, 1, 3], verdict.Tests.Select(t => t.Index));
        Assert.Equal(0.25, verdict.Reward);
        Assert.Equal([2], verdict.Subtasks![1].Skipped);
    }

    [Fact]
    public async Task Subtasks_MissingATest_AreRefusedNamingTheField()
    {
        var request = Subtasks("python") with { Subtasks = [new Subtask("small", 30, [0, 1, 4]), new Subtask("large", 70, [2, 5])] };

        var refused = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal("subtasks[1].tests[1]", refused.Field);
    }
}
