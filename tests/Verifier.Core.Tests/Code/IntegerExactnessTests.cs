using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

/// <summary>
/// Red-team cases (issue 11, class 2): an expected integer is matched only by that integer written as an integer in
/// stdout, and only by exactly that value in returned JSON (2.0 is 2 there), unless the test states a tolerance.
/// </summary>
public class IntegerExactnessTests
{
    private static readonly string HugeInteger = string.Concat(Enumerable.Repeat("9876543210", 400));

    private static bool Io(string expected, string actual, NumberRule? rule = null) =>
        new IoOutputComparer(rule ?? NumberRule.Strict()).Compare(expected, actual).Equal;

    private static bool Json(string expected, string actual, NumberRule? rule = null)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return new JsonValueComparer(rule ?? NumberRule.StrictValues()).Equal(e.RootElement, a.RootElement);
    }

    /// <summary>The pair as a bare value, inside an array, and inside an object inside an array.</summary>
    private static IEnumerable<(string Expected, string Actual)> JsonPlacements(string expected, string actual) =>
    [
        (expected, actual),
        ($"[1, {expected}]", $"[1, {actual}]"),
        ($"{{\"a\": [{{\"b\": {expected}}}], \"c\": 2}}", $"{{\"c\": 2, \"a\": [{{\"b\": {actual}}}]}}"),
    ];

    [Theory]
    [InlineData("123456789", "123456789.0")]
    [InlineData("1000000000", "1e9")]
    [InlineData("9223372036854775807", "9.223372036854775807e18")]
    [InlineData("1", "1.0e0")]
    [InlineData("1", "1.0")]
    [InlineData("12345678901234567890123", "1.2345678901234567890123e22")]
    public void DefaultRule_SameIntegerOtherSpelling_FailsInStdout_ButIsThatValueInJson(string expected, string actual)
    {
        Assert.False(Io(expected, actual));
        foreach (var (e, a) in JsonPlacements(expected, actual))
        {
            Assert.True(Json(e, a), $"{e} vs {a}");
        }
    }

    [Theory]
    [InlineData("123456789", "123456790.0")]
    [InlineData("1000000007", "1e9")]
    [InlineData("9223372036854775807", "9.22337e+18")]
    [InlineData("9223372036854775807", "9.2233720368547758e+18")]
    [InlineData("0", "1e-9")]
    [InlineData("12345678901234567890123", "12345678901234567890124")]
    [InlineData("12345678901234567890123", "1.2345678901234567890124e22")]
    [InlineData("5", "-5")]
    public void DefaultRule_WhenAnExpectedIntegerIsNotThatIntegerWrittenAsAnInteger_Fails(string expected, string actual)
    {
        Assert.False(Io(expected, actual));
        Assert.False(Io($"{expected} {expected}\n", $"{expected} {actual}\n"));
        foreach (var (e, a) in JsonPlacements(expected, actual))
        {
            Assert.False(Json(e, a), $"{e} vs {a}");
        }
    }

    [Theory]
    [InlineData("007", "7")]
    [InlineData("7", "007")]
    [InlineData("5", "+5")]
    [InlineData("+5", "5")]
    [InlineData("16", "0x10")]
    [InlineData("0x10", "16")]
    [InlineData("1", "inf")]
    [InlineData("9223372036854775807", "inf")]
    [InlineData("inf", "1e999")]
    [InlineData("1e999", "inf")]
    [InlineData("0", "nan")]
    [InlineData("nan", "NaN")]
    [InlineData("1", "1.")]
    public void DefaultRule_IoSpellingsThatJsonCannotWrite_Fail(string expected, string actual) => Assert.False(Io(expected, actual));

    [Theory]
    [InlineData("0x10", "16")]
    [InlineData("16", "0x10")]
    [InlineData("1", "inf")]
    [InlineData("inf", "1e999")]
    [InlineData("0", "nan")]
    public void StatedTolerance_NeverMakesHexOrNonFiniteTokensNumbers(string expected, string actual) =>
        Assert.False(Io(expected, actual, NumberRule.Tolerant(0.5)));

    [Fact]
    public void DefaultRule_HugeIntegers_CompareEveryDigit()
    {
        var lastDigitOff = HugeInteger[..^1] + "1";

        Assert.True(Io(HugeInteger, HugeInteger));
        Assert.False(Io(HugeInteger, lastDigitOff));
        Assert.False(Io(HugeInteger, HugeInteger + ".0"));
        Assert.True(Json($"[{HugeInteger}]", $"[{HugeInteger}]"));
        Assert.False(Json($"[{HugeInteger}]", $"[{lastDigitOff}]"));
        Assert.True(Json($"{{\"n\": {HugeInteger}}}", $"{{\"n\": {HugeInteger}.0}}"));
        Assert.False(Json($"{{\"n\": {HugeInteger}}}", $"{{\"n\": {lastDigitOff}.0}}"));
    }

    [Theory]
    [InlineData("0.3", "0.30000000000000004")]
    [InlineData("3.0", "3")]
    [InlineData("1e9", "1000000000")]
    [InlineData("2.5", "2.5000000001")]
    [InlineData("0", "-0")]
    [InlineData("-0", "0")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    public void DefaultRule_Controls_Match(string expected, string actual)
    {
        Assert.True(Io(expected, actual));
        foreach (var (e, a) in JsonPlacements(expected, actual))
        {
            Assert.True(Json(e, a), $"{e} vs {a}");
        }
    }

    [Theory]
    [InlineData("1000000000", "1e9")]
    [InlineData("1000000007", "1e9")]
    [InlineData("123456789", "123456790.0")]
    [InlineData("1", "1.0e0")]
    [InlineData("0.3", "0.30000000000000004")]
    public void StatedTolerance_ComparesIntegersByValueToo(string expected, string actual)
    {
        var rule = NumberRule.Tolerant(1e-6);

        Assert.True(Io(expected, actual, rule));
        Assert.True(Json($"[{expected}]", $"[{actual}]", rule));
    }

    [Fact]
    public void StatedTolerance_AcceptsLeadingZerosAndStillRejectsFarValues()
    {
        var rule = NumberRule.Tolerant(1e-6);

        Assert.True(Io("7", "007", rule));
        Assert.False(Io("1000000007", "1.0001e9", rule));
        Assert.False(Json("[12]", "[13]", rule));
    }

    [Fact]
    public void ZeroTolerance_IsExactValueEqualityEverywhere()
    {
        var exact = NumberRule.Tolerant(0);

        Assert.True(Io("1000000000", "1e9", exact));
        Assert.True(Io("0.5", "0.50", exact));
        Assert.False(Io("1000000007", "1e9", exact));
        Assert.False(Io("0.3", "0.30000000000000004", exact));
        Assert.False(Json("[0.3]", "[0.30000000000000004]", exact));
        Assert.True(Io("1" + new string('0', 400), "1e400", exact)); // beyond a double: decided without one
    }

    [Fact]
    public void ConfiguredZeroTolerance_KeepsExpectedDecimalsExact()
    {
        var exactDecimals = NumberRule.Strict(0);

        Assert.False(Io("0.3", "0.30000000000000004", exactDecimals));
        Assert.True(Io("0.5", "0.50", exactDecimals));
    }

    [Fact]
    public void HugeExponents_AreDecidedWithoutExpandingThem()
    {
        var rule = NumberRule.Tolerant(0.1);

        Assert.False(Io("1", "1e999999999999999999999", rule));
        Assert.False(Io("1e-999999999999999999999", "0", NumberRule.Tolerant(0)));
        Assert.True(Io("1e999999999999999999999", "10e999999999999999999998", NumberRule.Tolerant(0)));
    }

    [Fact]
    public void ThousandDigitExponents_MatchOnlyTheirOwnText()
    {
        var longExponent = "1e" + new string('7', 5_000);

        Assert.True(Json($"[{longExponent}]", $"[{longExponent}]"));
        Assert.False(Json("[1]", $"[{longExponent}]", NumberRule.Tolerant(0.1)));
        Assert.False(Io("7", longExponent, NumberRule.Tolerant(0)));
    }

    [Fact]
    public void For_UsesTheTestsToleranceWhenStatedAndTheConfiguredOneOtherwise()
    {
        var cases = new[] { new IoCase("", "1000000000") };
        var stated = NumberRule.For(new IoTests(cases) { Tolerance = 1e-6 }, configuredTolerance: 0.25);
        var configured = NumberRule.For(new IoTests(cases), configuredTolerance: 0.25);
        using var one = JsonDocument.Parse("1");
        var function = NumberRule.For(new FunctionTests("f", [new FunctionCase(one.RootElement, one.RootElement)]) { Tolerance = 0 }, 0.25);

        Assert.Equal((true, 1e-6), (stated.IntegersByValue, stated.Tolerance));
        Assert.Equal((false, 0.25), (configured.IntegersByValue, configured.Tolerance));
        Assert.Equal((true, 0.0), (function.IntegersByValue, function.Tolerance));
    }

    [Fact]
    public void Tolerance_RejectsNegativeOrNonFiniteValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IoTests([]) { Tolerance = -1e-6 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IoTests([]) { Tolerance = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberRule.Tolerant(double.PositiveInfinity));
    }
}
