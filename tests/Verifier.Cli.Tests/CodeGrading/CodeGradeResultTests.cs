using Verifier.Cli.CodeGrading;
using Verifier.Contracts;

namespace Verifier.Cli.Tests.CodeGrading;

public class CodeGradeResultTests
{
    private static readonly CodeRow Row = new(7, null, new VerifyItem { Completion = "x" });

    [Theory]
    [InlineData(Verdicts.InfraError)]
    [InlineData(Verdicts.Timeout)]
    [InlineData(Verdicts.Error)]
    public void From_UnknownReward_StaysNull_NeverFalse(string verdict)
    {
        var line = CodeGradeResult.From(Row, new VerifyResult { Verdict = verdict, Reward = null, Reason = "engine down" });

        Assert.Equal((null, null, verdict, "engine down"), (line.Correct, line.Reward, line.Verdict, line.Reason));
    }

    [Fact]
    public void From_WrongAnswer_IsFalse_WithTheFirstFailedTestsReason()
    {
        var detail = new ResultDetail
        {
            Code = new CodeDetail
            {
                Verdict = Verdicts.WrongAnswer,
                Tests = [new TestOutcome { Index = 0, Verdict = Verdicts.Accepted }, new TestOutcome { Index = 1, Verdict = Verdicts.WrongAnswer, Reason = "line 1: expected '6', got '0'" }],
            },
        };

        var line = CodeGradeResult.From(Row, new VerifyResult { Verdict = Verdicts.WrongAnswer, Reward = 0, Detail = detail });

        Assert.Equal((false, 0.0, "test 1: line 1: expected '6', got '0'"), (line.Correct, line.Reward, line.Reason));
    }
}
