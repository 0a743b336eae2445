using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Tests.Code.Checkers;

/// <summary>The exact and lines checkers, and which checker each <see cref="OutputCheck"/> makes.</summary>
public class TextCheckerTests
{
    [Theory]
    [InlineData("YES\n", "YES\n", true)]
    [InlineData("YES\n", "YES", false)]
    [InlineData("YES\n", "YES \n", false)]
    [InlineData("YES\n", "YES\r\n", false)]
    [InlineData("1.0\n", "1\n", false)]
    [InlineData("a b\n", "a  b\n", false)]
    public void Exact_EveryCharacterCounts(string expected, string actual, bool passes) =>
        Assert.Equal(passes, ExactChecker.Instance.Compare(expected, actual).Equal);

    [Fact]
    public void Exact_SaysWhereTheOutputDiffers()
    {
        Assert.Equal("line 2: the output differs at character 5", ExactChecker.Instance.Compare("ab\ncd\n", "ab\nce\n").Reason);
        Assert.Equal("expected 3 characters, got 2 (the same up to there)", ExactChecker.Instance.Compare("ab\n", "ab").Reason);
    }

    [Theory]
    [InlineData("YES\n", "YES", true)]
    [InlineData("YES\nNO\n", "YES  \r\nNO\t\n\n\n", true)]
    [InlineData("YES\n", " YES\n", false)]
    [InlineData("a b\n", "a  b\n", false)]
    [InlineData("1.0\n", "1\n", false)]
    [InlineData("0.5\n", "0.5000001\n", false)]
    [InlineData("a\n\nb\n", "a\nb\n", false)]
    [InlineData("a\n", "a\nb\n", false)]
    public void Lines_OnlyTrailingWhitespaceIsIgnored(string expected, string actual, bool passes) =>
        Assert.Equal(passes, LinesChecker.Instance.Compare(expected, actual).Equal);

    [Fact]
    public void Create_MakesTheCheckerOfEachKind()
    {
        var numbers = NumberRule.Strict();

        Assert.IsType<IoOutputComparer>(OutputCheck.Tokens.Create(numbers));
        Assert.Same(ExactChecker.Instance, OutputCheck.Exact.Create(numbers));
        Assert.Same(LinesChecker.Instance, OutputCheck.Lines.Create(numbers));
        Assert.Same(UnorderedChecker.ByTokens, OutputCheck.Unordered(UnorderedItems.Tokens).Create(numbers));
        Assert.Same(UnorderedChecker.ByLines, OutputCheck.Unordered(UnorderedItems.Lines).Create(numbers));
        Assert.False(OutputCheck.Float(0.1, 0).Create(numbers).Compare("3", "3.0").Equal);
    }

    [Fact]
    public void Tokens_FollowsTheTestSetsNumberRule()
    {
        Assert.True(OutputCheck.Tokens.Create(NumberRule.Tolerant(0)).Compare("1000000000", "1e9").Equal);
        Assert.False(OutputCheck.Tokens.Create(NumberRule.Strict()).Compare("1000000000", "1e9").Equal);
    }
}
