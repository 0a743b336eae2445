using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class JsonValueComparerTests
{
    private readonly JsonValueComparer _comparer = new();

    private bool Equal(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return _comparer.Equal(e.RootElement, a.RootElement);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "[1,2,3]")]
    [InlineData("{\"a\": 1, \"b\": [true, null]}", "{\"b\":[true,null],\"a\":1}")]
    [InlineData("0.3", "0.30000000000000004")]
    [InlineData("3.0", "3")]
    [InlineData("\"héllo\"", "\"h\\u00e9llo\"")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("-0", "0")]
    [InlineData("[-42]", "[-42]")]
    public void Equal_WhenSameValue_IsTrue(string expected, string actual) => Assert.True(Equal(expected, actual));

    [Theory]
    [InlineData("[1, 2]", "[2, 1]")]
    [InlineData("[1, 2]", "[1, 2, 3]")]
    [InlineData("1", "true")]
    [InlineData("0", "false")]
    [InlineData("null", "0")]
    [InlineData("\"1\"", "1")]
    [InlineData("{\"a\": 1}", "{\"a\": 1, \"b\": 2}")]
    [InlineData("{\"a\": 1}", "{\"A\": 1}")]
    [InlineData("123456789", "123456790")]
    [InlineData("-5", "5")]
    [InlineData("10", "1")]
    [InlineData("0.5", "0.51")]
    [InlineData("[[1]]", "[1]")]
    public void Equal_WhenDifferent_IsFalse(string expected, string actual) => Assert.False(Equal(expected, actual));

    [Fact]
    public void Equal_HugeIntegers_CompareEveryDigit()
    {
        var huge = new string('7', 1_000_000);
        Assert.True(Equal(huge, huge));
        Assert.False(Equal(huge, huge[..^1] + "8"));
        Assert.False(Equal(huge, "-" + huge));
    }

    [Fact]
    public void Difference_SaysWhere()
    {
        using var e = JsonDocument.Parse("{\"a\": [1, {\"b\": \"x\"}]}");
        using var a = JsonDocument.Parse("{\"a\": [1, {\"b\": \"y\"}]}");

        Assert.Equal("$.a[1].b: expected \"x\", got \"y\"", _comparer.Difference(e.RootElement, a.RootElement));
    }

    [Fact]
    public void Difference_RejectsObjectsWithRepeatedKeys()
    {
        using var e = JsonDocument.Parse("{\"a\": 1}");
        using var a = JsonDocument.Parse("{\"a\": 2, \"a\": 1}");

        Assert.NotNull(_comparer.Difference(e.RootElement, a.RootElement));
    }
}
