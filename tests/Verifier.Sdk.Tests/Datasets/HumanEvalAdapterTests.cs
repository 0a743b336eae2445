using System.Text.Json;
using Verifier.Contracts;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class HumanEvalAdapterTests
{
    private static readonly string PolyRow = JsonSerializer.Serialize(new
    {
        task_id = "HumanEval/32",
        prompt = "import math\n\n\ndef poly(xs: list, x: float):\n    return sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)])\n\n\ndef find_zero(xs: list):\n    \"\"\"Finds x such that poly(x) = 0.\"\"\"\n",
        canonical_solution = "    ...\n",
        test = "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    import copy\n    solution = candidate(copy.deepcopy([1, 2]))\n    assert math.fabs(poly([1, 2], solution)) < 1e-4\n",
        entry_point = "find_zero",
    });

    [Theory]
    [InlineData("humaneval")]
    [InlineData("humaneval+")]
    public void ToCodeSpec_PutsThePromptBeforeTheCheck(string dataset)
    {
        var spec = Spec(dataset, PolyRow);

        Assert.Equal(("python", TestKinds.Assert, "find_zero"), (spec.Language, spec.Tests.Kind, spec.Tests.EntryPoint));
        // poly is the dataset's, defined before check runs, never a name the candidate could supply.
        Assert.StartsWith("import math\n\n\ndef poly(", spec.Tests.Code, StringComparison.Ordinal);
        Assert.EndsWith("assert math.fabs(poly([1, 2], solution)) < 1e-4\n", spec.Tests.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_TestWithoutCheck_IsBoundToTheCandidate()
    {
        var spec = Spec("humaneval", """{"prompt": "def inc(x):\n", "test": "assert inc(1) == 2\n", "entry_point": "inc"}""");

        Assert.StartsWith("def check(candidate):\n    exec(compile(\"assert inc(1) == 2\\n\", ", spec.Tests.Code, StringComparison.Ordinal);
        Assert.Contains("\"inc\": candidate}", spec.Tests.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("def inc", spec.Tests.Code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"prompt": "def f():\n", "test": "def check(candidate):\n    assert candidate() == 1\n"}""", "'entry_point': missing")]
    [InlineData("""{"prompt": "def f():\n", "entry_point": "f", "test": "  "}""", "'test': empty")]
    [InlineData("""{"prompt": "def f():\n", "entry_point": "f(); import os", "test": "def check(candidate):\n    pass\n"}""", "'entry_point': 'f(); import os' is not a Python function name")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("humaneval", row).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AnotherLanguage_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Verifier.Sdk.Datasets.DatasetAdapters.Create("humaneval", "cpp"));
    }
}
