using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Tests.Code.Checkers;

/// <summary>testlib's exit codes as a custom checker's verdict; a null verdict is the checker's own failure.</summary>
public class CheckerExitTests
{
    [Theory]
    [InlineData(0, CodeVerdictKind.Accepted)]
    [InlineData(1, CodeVerdictKind.WrongAnswer)]
    [InlineData(2, CodeVerdictKind.WrongAnswer)]
    [InlineData(4, CodeVerdictKind.WrongAnswer)]
    [InlineData(8, CodeVerdictKind.WrongAnswer)]
    public void FromExitCode_ReadsTestlibsVerdicts(int code, CodeVerdictKind verdict) =>
        Assert.Equal(verdict, CheckerExit.FromExitCode(code, "", "").Verdict);

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(127)]
    [InlineData(255)]
    public void FromExitCode_AnyOtherCode_IsTheCheckersFailure(int code) =>
        Assert.Null(CheckerExit.FromExitCode(code, "", "").Verdict);

    [Fact]
    public void FromExitCode_NamesTheKindAndTheCheckersFirstLine()
    {
        var exit = CheckerExit.FromExitCode(2, "", "expected an integer, found 'x'\nmore\n");

        Assert.Equal("checker: presentation error: expected an integer, found 'x'", exit.Reason);
    }

    [Theory]
    [InlineData("0.5", "", 0.5, CodeVerdictKind.WrongAnswer)]
    [InlineData("", "points 0.25 partial", 0.25, CodeVerdictKind.WrongAnswer)]
    [InlineData("1\n", "", 1.0, CodeVerdictKind.Accepted)]
    [InlineData("0", "", 0.0, CodeVerdictKind.WrongAnswer)]
    [InlineData("score: 1e-1", "", 0.1, CodeVerdictKind.WrongAnswer)]
    public void Points_TheFirstNumberPrinted_IsTheScore(string stdout, string stderr, double score, CodeVerdictKind verdict)
    {
        var exit = CheckerExit.FromExitCode(7, stdout, stderr);

        Assert.Equal((verdict, score), (exit.Verdict!.Value, exit.Score!.Value));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("no number")]
    [InlineData("")]
    public void Points_OutsideZeroToOne_OrNone_IsTheCheckersFailure(string stdout) =>
        Assert.Null(CheckerExit.FromExitCode(7, stdout, "").Verdict);

    [Fact]
    public void Points_StdoutComesFirst_EvenWhenStderrHoldsANumberToo() =>
        Assert.Equal(0.75, CheckerExit.FromExitCode(7, "0.75", "1").Score);
}
