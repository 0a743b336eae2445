using Verifier.Contracts;
using Verifier.Sdk.Datasets;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class CodeContestsAdapterTests
{
    private const string Row = """
        {"name": "1548_A. Sum", "description": "...",
         "public_tests": {"input": ["1 2\n"], "output": ["3\n"]},
         "private_tests": {"input": ["5 5\n", "0 0\n"], "output": ["10\n", "0\n"]},
         "generated_tests": {"input": ["7 1\n"], "output": ["8\n"]},
         "time_limit": {"seconds": 2, "nanos": 500000000}, "memory_limit_bytes": 268435456}
        """;

    [Fact]
    public void ToCodeSpec_AllSetsByDefault_InOrder_WithLimits()
    {
        var spec = Spec("codecontests", Row, "cpp");

        Assert.Equal(("cpp", TestKinds.Io), (spec.Language, spec.Tests.Kind));
        Assert.Equal(["1 2\n", "5 5\n", "0 0\n", "7 1\n"], spec.Tests.Cases!.Select(c => c.Stdin));
        Assert.Equal((2500, 256), (spec.Limits!.TimeMs, spec.Limits.MemoryMb));
    }

    [Fact]
    public void ToCodeSpec_ChosenSets_Only()
    {
        var spec = new CodeContestsAdapter("python", CodeContestsTestSets.Public | CodeContestsTestSets.Generated).ToCodeSpec(Parse(Row));

        Assert.Equal(["3\n", "8\n"], spec.Tests.Cases!.Select(c => c.Stdout));
    }

    [Fact]
    public void ToCodeSpec_LimitsOutOfBounds_AreClamped()
    {
        var spec = Spec("codecontests", """
            {"public_tests": {"input": ["1\n"], "output": ["1\n"]}, "time_limit": 3600, "memory_limit_bytes": 1024}
            """);

        Assert.Equal((20_000, 32), (spec.Limits!.TimeMs, spec.Limits.MemoryMb));
    }

    [Fact]
    public void ToCodeSpec_MoreTestsThanTheService_IsAnError()
    {
        var error = Assert.Throws<DatasetRowException>(() => new CodeContestsAdapter("python", maxTests: 3).ToCodeSpec(Parse(Row)));

        Assert.Contains("4 tests, more than 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"public_tests": {"input": [], "output": []}, "private_tests": null}""", "no tests")]
    [InlineData("""{"public_tests": {"input": ["1"], "output": ["1", "2"]}}""", "'public_tests': 1 inputs but 2 outputs")]
    [InlineData("""{"public_tests": {"input": ["1"]}}""", "'public_tests.output': missing")]
    [InlineData("""{"public_tests": {"input": ["1"], "output": ["1"]}, "time_limit": "2s"}""", "'time_limit'")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("codecontests", row).Message, StringComparison.Ordinal);
    }
}
