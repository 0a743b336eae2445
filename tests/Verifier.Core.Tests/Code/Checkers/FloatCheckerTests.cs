using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Tests.Code.Checkers;

public class FloatCheckerTests
{
    private static bool Passes(string expected, string actual, double absolute = 1e-6, double relative = 1e-6) =>
        OutputCheck.Float(absolute, relative).Create(NumberRule.Strict()).Compare(expected, actual).Equal;

    [Theory]
    [InlineData("0.5", "0.5000009")]
    [InlineData("0.5", "0.4999991")]
    [InlineData("1000000.0", "1000000.9")]
    [InlineData("3.0", "3")]
    [InlineData("-0.0", "0")]
    [InlineData("2.5 x 7", "2.5000001 x 7")]
    public void Compare_WithinAbsoluteOrRelative_Passes(string expected, string actual) => Assert.True(Passes(expected, actual));

    [Theory]
    [InlineData("0.5", "0.5000011")]
    [InlineData("1000000.0", "1000001.1")]
    [InlineData("2.5 x 7", "2.5 y 7")]
    public void Compare_BeyondBoth_Fails(string expected, string actual) => Assert.False(Passes(expected, actual));

    [Fact]
    public void Compare_AbsoluteAlone_IgnoresTheScale()
    {
        Assert.True(Passes("1e9", "1000000000.4", absolute: 0.5, relative: 0));
        Assert.False(Passes("1e9", "1000000000.6", absolute: 0.5, relative: 0));
    }

    [Fact]
    public void Compare_RelativeAlone_ScalesWithTheExpectedValueOnly()
    {
        Assert.True(Passes("200.0", "201.9", absolute: 0, relative: 0.01));
        Assert.False(Passes("200.0", "202.1", absolute: 0, relative: 0.01));
        // Scaled by the candidate's own value, 0.0099 * 1e6 would cover this; scaled by the expected value it does not.
        Assert.False(Passes("1.0", "1000000.0", absolute: 0, relative: 0.99));
    }

    [Theory]
    [InlineData("3", "3.0")]
    [InlineData("3", "3.0000001")]
    [InlineData("1000000000", "1e9")]
    [InlineData("7", "007")]
    [InlineData("5", "+5")]
    [InlineData("123456789", "123456789.0000001")]
    public void Compare_ExpectedInteger_StaysExactWhateverTheTolerance(string expected, string actual) =>
        Assert.False(Passes(expected, actual, absolute: 0.5, relative: 0.5));

    [Theory]
    [InlineData("nan", "nan", true)]
    [InlineData("inf", "inf", true)]
    [InlineData("0.5", "nan", false)]
    [InlineData("nan", "0.5", false)]
    [InlineData("1.5", "inf", false)]
    [InlineData("1.5", "1e400", false)]
    [InlineData("1e400", "1e400", true)]
    [InlineData("1e400", "2e400", false)]
    [InlineData("1e400", "10e399", true)]
    [InlineData("1e-400", "0.0", true)]
    [InlineData("0.5", "0x1p-1", false)]
    public void Compare_SpecialValues_MatchOnlyThemselvesOrTheirExactValue(string expected, string actual, bool passes) =>
        Assert.Equal(passes, Passes(expected, actual, absolute: 1e-6, relative: 0.5));

    [Fact]
    public void Compare_ZeroTolerances_MeansEqualValuesOnly()
    {
        Assert.True(Passes("0.1", "0.10", absolute: 0, relative: 0));
        Assert.False(Passes("0.1", "0.10000000000000000001", absolute: 0, relative: 0));
    }

    [Theory]
    [InlineData(-1e-6, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(0, 1)]
    [InlineData(0, -0.1)]
    [InlineData(0, double.NaN)]
    public void Float_RejectsToleranceOutOfRange(double absolute, double relative) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputCheck.Float(absolute, relative));
}
