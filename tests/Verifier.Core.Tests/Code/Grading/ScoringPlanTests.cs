using Verifier.Core.Code;
using Verifier.Core.Code.Grading;

namespace Verifier.Core.Tests.Code.Grading;

public class ScoringPlanTests
{
    private static readonly Subtask[] ThreeGroups =
    [
        new("samples", 0, [0]),
        new("small", 30, [1, 2]),
        new("large", 70, [3, 4, 5]),
    ];

    private static CodeTestResult Pass(int index) => new() { Index = index, Verdict = CodeVerdictKind.Accepted };

    private static CodeTestResult Fail(int index, CodeVerdictKind verdict = CodeVerdictKind.WrongAnswer) => new() { Index = index, Verdict = verdict, Reason = "why" };

    [Fact]
    public void Next_UnderBinary_StopsAfterTheFirstFailureUnlessRunAll()
    {
        var plan = new ScoringPlan(CodeScoring.Binary, 3);

        Assert.Equal(TestStep.Run, plan.Next(1, [Pass(0)], runAll: false));
        Assert.Equal(TestStep.Stop, plan.Next(1, [Fail(0)], runAll: false));
        Assert.Equal(TestStep.Run, plan.Next(1, [Fail(0)], runAll: true));
    }

    [Theory]
    [InlineData(CodeScoring.Fraction)]
    [InlineData(CodeScoring.Weighted)]
    public void Next_UnderFractionAndWeighted_RunsEveryTest(CodeScoring mode) =>
        Assert.Equal(TestStep.Run, new ScoringPlan(mode, 3).Next(2, [Fail(0), Fail(1)], runAll: false));

    [Fact]
    public void Next_UnderSubtasks_SkipsOnlyTheFailedSubtasksLaterTests()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);
        CodeTestResult[] soFar = [Pass(0), Fail(1, CodeVerdictKind.TimeLimit)];

        Assert.Equal(TestStep.Skip, plan.Next(2, soFar, runAll: false));
        Assert.Equal(TestStep.Run, plan.Next(3, soFar, runAll: false));
        Assert.Equal(TestStep.Run, plan.Next(2, soFar, runAll: true));
    }

    [Fact]
    public void Score_UnderSubtasks_AFailedGroupScoresNothingAndReportsItsSkippedTests()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);

        var verdict = CodeScorer.Score([Pass(0), Fail(1, CodeVerdictKind.TimeLimit), Pass(3), Pass(4), Pass(5)], plan);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Equal(0.7, verdict.Reward);
        var small = verdict.Subtasks![1];
        Assert.Equal((0.0, CodeVerdictKind.TimeLimit, 1), (small.Score, small.Verdict!.Value, small.FailedTest!.Value));
        Assert.Equal([2], small.Skipped);
        Assert.Equal((70.0, CodeVerdictKind.Accepted), (verdict.Subtasks[2].Score, verdict.Subtasks[2].Verdict!.Value));
        Assert.Equal(5, verdict.TestsRun);
    }

    [Fact]
    public void Score_UnderSubtasks_AGroupIsItsMinimum_OneFailureAnywhereLosesIt()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);

        var verdict = CodeScorer.Score([Pass(0), Pass(1), Pass(2), Pass(3), Pass(4), Fail(5)], plan);

        Assert.Equal(0.3, verdict.Reward);
        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Empty(verdict.Subtasks![2].Skipped);
    }

    [Fact]
    public void Score_UnderSubtasks_AllPassing_IsAcceptedWithReward1()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);

        var verdict = CodeScorer.Score([.. Enumerable.Range(0, 6).Select(Pass)], plan);

        Assert.Equal((CodeVerdictKind.Accepted, 1.0), (verdict.Verdict, verdict.Reward!.Value));
        Assert.All(verdict.Subtasks!, s => Assert.Equal(s.Points, s.Score));
    }

    [Fact]
    public void Score_UnderSubtasks_TestsCutOffByTheBudget_LeaveTheirGroupUnscoredWithNoVerdict()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);

        var verdict = CodeScorer.Score([Pass(0), Pass(1), Pass(2), Fail(3, CodeVerdictKind.TimeLimit)], plan);

        Assert.Equal(0.3, verdict.Reward);
        Assert.Equal([4, 5], verdict.Subtasks![2].Skipped);
    }

    [Fact]
    public void Score_UnderWeighted_RewardsThePassedWeights()
    {
        var plan = new ScoringPlan(CodeScoring.Weighted, 3, weights: [1, 2, 5]);

        var verdict = CodeScorer.Score([Pass(0), Fail(1), Pass(2)], plan);

        Assert.Equal(6.0 / 8, verdict.Reward);
        Assert.Null(verdict.Subtasks);
    }

    [Fact]
    public void Score_UnderWeighted_ATestNotRunCountsAsFailed_AndZeroWeightsCountForNothing()
    {
        var plan = new ScoringPlan(CodeScoring.Weighted, 3, weights: [0, 2, 2]);

        Assert.Equal(0.5, CodeScorer.Score([Fail(0), Pass(1)], plan).Reward);
        Assert.Equal(1.0, CodeScorer.Score([Fail(0), Pass(1), Pass(2)], plan).Reward);
    }

    [Fact]
    public void Score_UnderWeighted_WithoutWeights_IsTheFraction()
    {
        var verdict = CodeScorer.Score([Pass(0), Fail(1), Pass(2), Fail(3)], new ScoringPlan(CodeScoring.Weighted, 4));

        Assert.Equal(0.5, verdict.Reward);
    }

    [Fact]
    public void Score_InfraErrorUnderSubtasks_IsStillNull()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 6, subtasks: ThreeGroups);

        var verdict = CodeScorer.Score([Pass(0), Fail(1, CodeVerdictKind.InfraError)], plan);

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
    }

    [Fact]
    public void Constructor_RefusesAPlanTheRulesRefuse() =>
        Assert.Throws<ArgumentException>(() => new ScoringPlan(CodeScoring.Subtasks, 3, subtasks: [new Subtask("a", 1, [0, 1])]));
}
