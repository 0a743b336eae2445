using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class IoOutputComparerTests
{
    private readonly IoOutputComparer _comparer = new();

    [Theory]
    [InlineData("1 2\n3\n", "1 2\n3\n")]
    [InlineData("1 2\n3\n", "1 2   \n3")]
    [InlineData("1 2\n3\n", "1 2\r\n3\r\n\r\n\n")]
    [InlineData("1 2\n3", "1  2\n3\n")]
    [InlineData("0.5", "0.5000001")]
    [InlineData("2.0", "2.0000001")]
    [InlineData("1e6", "1000000.5")]
    [InlineData("0.0", "0.0000005")]
    [InlineData("007", "007")]
    [InlineData("", "\n\n")]
    public void Compare_WhenEquivalent_Matches(string expected, string actual) => Assert.True(_comparer.Compare(expected, actual).Equal);

    [Theory]
    [InlineData("1\n2\n", "1\n")]
    [InlineData("1\n", "1\n\n2\n")]
    [InlineData("1\n\n2\n", "1\n2\n")]
    [InlineData("YES", "yes")]
    [InlineData("1 2", "12")]
    [InlineData("0.5", "0.5001")]
    [InlineData("123456789", "123456790")]
    [InlineData("100000000000000000000", "100000000000000000001")]
    [InlineData("1", "nan")]
    [InlineData("inf", "1e999")]
    [InlineData("5", "")]
    public void Compare_WhenDifferent_Fails(string expected, string actual)
    {
        var comparison = _comparer.Compare(expected, actual);

        Assert.False(comparison.Equal);
        Assert.NotNull(comparison.Reason);
    }

    [Fact]
    public void Compare_ReportsTheFirstDifferingLine()
    {
        var comparison = _comparer.Compare("a\nb\nc", "a\nx\nc");

        Assert.Equal("line 2: expected 'b', got 'x'", comparison.Reason);
    }

    [Fact]
    public void Compare_ReportsLineCountMismatch() =>
        Assert.Equal("expected 2 lines, got 3", _comparer.Compare("a\nb", "a\nb\nc").Reason);

    [Fact]
    public void Compare_UsesConfiguredTolerance()
    {
        var loose = new IoOutputComparer(1e-2);

        Assert.True(loose.Compare("3.14", "3.1416").Equal);
        Assert.False(_comparer.Compare("3.14", "3.1416").Equal);
    }

    [Fact]
    public void Constructor_RejectsNegativeOrNonFiniteTolerance()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IoOutputComparer(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IoOutputComparer(double.NaN));
    }
}
