using Verifier.Core.Code;
using Verifier.Core.Code.Grading;

namespace Verifier.Core.Tests.Code.Grading;

/// <summary>A custom checker's points (a test's score between 0 and 1) under each scoring mode.</summary>
public class PartialScoreTests
{
    private static CodeTestResult Pass(int index) => new() { Index = index, Verdict = CodeVerdictKind.Accepted };

    private static CodeTestResult Partial(int index, double score) => new() { Index = index, Verdict = CodeVerdictKind.WrongAnswer, Reason = "points", Score = score };

    [Fact]
    public void Fraction_CountsAPartialTestAtItsScore()
    {
        var verdict = CodeScorer.Score([Pass(0), Partial(1, 0.25)], new ScoringPlan(CodeScoring.Fraction, 2));

        Assert.Equal(0.625, verdict.Reward);
        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
    }

    [Fact]
    public void Weighted_WeighsAPartialTestsScore()
    {
        var verdict = CodeScorer.Score([Partial(0, 0.5), Pass(1)], new ScoringPlan(CodeScoring.Weighted, 2, weights: [3, 1]));

        Assert.Equal((3 * 0.5 + 1) / 4, verdict.Reward);
    }

    [Fact]
    public void Subtasks_ScoreTheirMinimumTimesTheirPoints()
    {
        var plan = new ScoringPlan(CodeScoring.Subtasks, 4, subtasks: [new("a", 40, [0, 1]), new("b", 60, [2, 3])]);

        var verdict = CodeScorer.Score([Pass(0), Partial(1, 0.5), Partial(2, 0.9), Partial(3, 0.2)], plan);

        Assert.Equal([20.0, 12.0], verdict.Subtasks!.Select(s => s.Score));
        Assert.Equal(0.32, verdict.Reward!.Value, 12);
    }

    [Fact]
    public void Binary_NeedsEveryTestAccepted_APartialOneScoresNothing()
    {
        var verdict = CodeScorer.Score([Pass(0), Partial(1, 0.99)], new ScoringPlan(CodeScoring.Binary, 2));

        Assert.Equal(0.0, verdict.Reward);
    }

    [Fact]
    public void Credit_IsOneForAPass_TheScoreForAPartial_AndZeroOtherwise()
    {
        Assert.Equal(1.0, Pass(0).Credit);
        Assert.Equal(0.4, Partial(0, 0.4).Credit);
        Assert.Equal(0.0, new CodeTestResult { Index = 0, Verdict = CodeVerdictKind.TimeLimit }.Credit);
    }
}
