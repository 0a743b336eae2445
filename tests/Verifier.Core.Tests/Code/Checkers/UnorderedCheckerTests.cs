using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Tests.Code.Checkers;

public class UnorderedCheckerTests
{
    private static IoComparison Lines(string expected, string actual) => UnorderedChecker.ByLines.Compare(expected, actual);

    private static IoComparison Tokens(string expected, string actual) => UnorderedChecker.ByTokens.Compare(expected, actual);

    [Fact]
    public void ByLines_AnyOrderOfTheSameLines_Passes()
    {
        Assert.True(Lines("1 2\n2 1\n3 3\n", "3 3\n1 2\n2 1").Equal);
        Assert.True(Lines("1 2\n2 1\n", "2   1  \r\n\n1\t2\n\n").Equal);
    }

    [Fact]
    public void ByLines_EveryPermutationPrinted_Fails()
    {
        // A candidate that prints every ordering of the answer (or every candidate answer) has extra lines.
        var comparison = Lines("1 2 3\n", "1 2 3\n1 3 2\n2 1 3\n2 3 1\n3 1 2\n3 2 1\n");

        Assert.False(comparison.Equal);
        Assert.Contains("expected 1 lines, got 6", comparison.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ByLines_CountsEachLine_SoARepeatOrAMissingLineFails()
    {
        Assert.False(Lines("a\nb\n", "a\na\n").Equal);
        Assert.False(Lines("a\na\nb\n", "a\nb\n").Equal);
        Assert.False(Lines("a\nb\n", "a\nb\nb\n").Equal);
        Assert.True(Lines("a\na\nb\n", "a\nb\na\n").Equal);
    }

    [Fact]
    public void ByLines_ComparesTextNotNumbers()
    {
        Assert.False(Lines("1.0\n2\n", "2\n1\n").Equal);
        Assert.False(Lines("a b\n", "b a\n").Equal);
    }

    [Fact]
    public void ByTokens_IgnoresLinesAndOrder_ButCountsTokens()
    {
        Assert.True(Tokens("1 2 3\n4\n", "4 3\n2\n1").Equal);
        Assert.False(Tokens("1 2 3\n", "1 2 3 3\n").Equal);
        Assert.False(Tokens("1 2 3\n", "1 2\n").Equal);
        Assert.False(Tokens("1 2 3\n", "1 2 3 4\n").Equal);
    }

    [Fact]
    public void Empty_MatchesOnlyEmpty()
    {
        Assert.True(Lines("", "\n\n").Equal);
        Assert.False(Lines("", "x").Equal);
        Assert.False(Tokens("x", "").Equal);
    }
}
