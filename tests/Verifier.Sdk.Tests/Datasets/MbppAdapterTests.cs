using System.Text.Json;
using Verifier.Contracts;
using Verifier.Sdk.Datasets;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class MbppAdapterTests
{
    private static readonly string MbppRow = JsonSerializer.Serialize(new
    {
        task_id = 11,
        text = "Write a python function to remove first and last occurrence of a given character from the string.",
        code = "def remove_Occ(s,ch): \r\n    return s.replace(ch, '', 1)[::-1].replace(ch, '', 1)[::-1] ",
        test_list = new[] { "assert remove_Occ(\"hello\",\"l\") == \"heo\"", "assert remove_Occ(\"abcda\",\"a\") == \"bcd\"" },
        test_setup_code = "",
        challenge_test_list = Array.Empty<string>(),
    });

    [Fact]
    public void ToCodeSpec_TestList_BecomesACheckBoundToTheCandidate()
    {
        var spec = Spec("mbpp", MbppRow);

        Assert.Equal((TestKinds.Assert, "remove_Occ"), (spec.Tests.Kind, spec.Tests.EntryPoint));
        Assert.Equal(
            "def check(candidate):\n    exec(compile(\"\\nassert remove_Occ(\\\"hello\\\",\\\"l\\\") == \\\"heo\\\"\\nassert remove_Occ(\\\"abcda\\\",\\\"a\\\") == \\\"bcd\\\"\", " +
            "\"test.py\", \"exec\"), {\"__name__\": \"__verifier_tests__\", \"__builtins__\": __builtins__, \"remove_Occ\": candidate})\n",
            spec.Tests.Code);
    }

    [Fact]
    public void ToCodeSpec_EntryPoint_IsTheCalledFunctionTheReferenceDefines()
    {
        var spec = Spec("mbpp", """
            {"code": "import math\ndef helper(x):\n    return x\ndef wind_chill(v,t):\n    return round(helper(v))",
             "test_list": ["assert math.isclose(abs(wind_chill(120,35)), 40)"], "test_imports": ["import math"]}
            """);

        Assert.Equal("wind_chill", spec.Tests.EntryPoint);
        Assert.Contains("import math\\n", spec.Tests.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_MbppPlus_PrefersTheScript_AndTheEntryPointField()
    {
        var spec = Spec("mbpp+", """
            {"task_id": "Mbpp/11", "entry_point": "remove_Occ", "test_list": ["assert remove_Occ(\"hello\",\"l\") == \"heo\""],
             "test": "inputs = [['hello', 'l']]\nresults = ['heo']\nfor inp, exp in zip(inputs, results):\n    assert remove_Occ(*inp) == exp\n"}
            """);

        Assert.Contains("for inp, exp in zip(inputs, results):\\n    assert remove_Occ(*inp) == exp", spec.Tests.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("hello\\\",\\\"l", spec.Tests.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_ScriptWithItsOwnCheck_IsUsedAsItIs()
    {
        var spec = Spec("mbpp+", """{"entry_point": "f", "test": "def check(candidate):\n    assert candidate(1) == 2\n"}""");

        Assert.Equal("\ndef check(candidate):\n    assert candidate(1) == 2\n", spec.Tests.Code);
    }

    [Theory]
    [InlineData("""{"test_list": []}""", "'test_list': no tests")]
    [InlineData("""{"test_list": ["  "]}""", "'test_list': no tests")]
    [InlineData("""{"test_list": [3]}""", "'test_list[0]': expected a string")]
    [InlineData("""{"test_list": ["assert 1 == 1"]}""", "'entry_point': missing")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("mbpp", row).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_KeepsEveryCharacter()
    {
        // Checked against Python's own reading of the literal: eval(literal) == text.
        Assert.Equal("\"a\\\\b\\\"c\\n\\r\\t\\u0001é😀\"", PythonChecks.Literal("a\\b\"c\n\r\t\u0001é😀"));
    }
}
