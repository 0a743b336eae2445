using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class CodeScorerTests
{
    private static CodeTestResult Test(int index, CodeVerdictKind verdict) => new() { Index = index, Verdict = verdict, CpuMs = 1, Reason = verdict == CodeVerdictKind.Accepted ? null : "why" };

    [Fact]
    public void Score_WhenAllPass_IsAcceptedWithReward1()
    {
        var verdict = CodeScorer.Score([Test(0, CodeVerdictKind.Accepted), Test(1, CodeVerdictKind.Accepted)], 2, CodeScoring.Binary);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(1.0, verdict.Reward);
        Assert.Equal(1.0, verdict.PassFraction);
        Assert.Equal(2, verdict.CpuMs);
    }

    [Fact]
    public void Score_WhenOneFails_TakesTheFirstFailureAndBinaryRewardIsZero()
    {
        var verdict = CodeScorer.Score(
            [Test(0, CodeVerdictKind.Accepted), Test(1, CodeVerdictKind.TimeLimit), Test(2, CodeVerdictKind.WrongAnswer)], 4, CodeScoring.Binary);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Equal(0.25, verdict.PassFraction);
        Assert.Equal(3, verdict.TestsRun);
        Assert.StartsWith("test 1:", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnderFraction_RewardsTheShareOfAllTests()
    {
        var verdict = CodeScorer.Score([Test(0, CodeVerdictKind.Accepted), Test(1, CodeVerdictKind.WrongAnswer), Test(2, CodeVerdictKind.Accepted)], 4, CodeScoring.Fraction);

        Assert.Equal(0.5, verdict.Reward);
    }

    [Fact]
    public void Score_WhenAnyInfraError_RewardIsNullNeverZero()
    {
        var verdict = CodeScorer.Score([Test(0, CodeVerdictKind.WrongAnswer), Test(1, CodeVerdictKind.InfraError)], 2, CodeScoring.Fraction);

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
    }

    [Fact]
    public void Score_WhenResultsMissingWithoutFailure_IsInfraError()
    {
        var verdict = CodeScorer.Score([Test(0, CodeVerdictKind.Accepted)], 3, CodeScoring.Binary);

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
    }
}
