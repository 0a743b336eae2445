using Verifier.Contracts;
using Verifier.Sdk.Datasets;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class MultiplEAdapterTests
{
    [Fact]
    public void ToCodeSpec_JavaScript_FromTheFileCode()
    {
        var spec = Spec("multipl-e", """
            {"name": "HumanEval_53_add", "language": "js",
             "prompt": "//Add two numbers x and y\nfunction add(x, y){\n",
             "tests": "const assert = require('node:assert');\n\n\nfunction test() {\n  let candidate = add;\n  assert.deepEqual(candidate(0, 1),1);\n}\n\ntest();"}
            """);

        Assert.Equal(("javascript", TestKinds.Assert, "add"), (spec.Language, spec.Tests.Kind, spec.Tests.EntryPoint));
        Assert.StartsWith("const assert = require('node:assert');", spec.Tests.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_Cpp_TestsDeclareThePromptsFunction()
    {
        var spec = Spec("multipl-e", """
            {"name": "HumanEval_53_add", "language": "cpp",
             "prompt": "#include<assert.h>\n#include<bits/stdc++.h>\n// Add two numbers\nlong add(long x, long y) {\n",
             "tests": "}\nint main() {\n    auto candidate = add;\n    assert(candidate((0), (1)) == (1));\n}\n"}
            """);

        Assert.Equal(("cpp", "add"), (spec.Language, spec.Tests.EntryPoint));
        Assert.Equal("#include<assert.h>\n#include<bits/stdc++.h>\n// Add two numbers\nlong add(long x, long y);\nint main() {\n    auto candidate = add;\n    assert(candidate((0), (1)) == (1));\n}\n", spec.Tests.Code);
    }

    [Theory]
    [InlineData("go_test.go", "go")]
    [InlineData("rs", "rust")]
    [InlineData("cs", "csharp")]
    [InlineData("typescript", "typescript")]
    public void ToCodeSpec_Language_FromFileCodesAndServiceNames(string given, string expected)
    {
        var spec = Spec("multipl-e", $$"""{"language": "{{given}}", "prompt": "fn add(x: i64) -> i64 {\n", "tests": "}\n\nfn main() {}\n"}""");

        Assert.Equal(expected, spec.Language);
    }

    [Fact]
    public void ToCodeSpec_NoLanguageInTheRow_TakesTheAdapters()
    {
        var spec = DatasetAdapters.Create("multipl-e", "lua").ToCodeSpec(Parse("""{"prompt": "local function add(x)\n", "tests": "lu = require('luaunit')\n"}"""));

        Assert.Equal(("lua", "add"), (spec.Language, spec.Tests.EntryPoint));
    }

    [Theory]
    [InlineData("""{"language": "py", "prompt": "def f():\n", "tests": "x"}""", "'language': 'py' is not a MultiPL-E language")]
    [InlineData("""{"language": "js", "prompt": "// only a comment\n", "tests": "x"}""", "'prompt': no function header")]
    [InlineData("""{"language": "js", "prompt": "function f(){\n"}""", "'tests': missing")]
    [InlineData("""{"language": "cpp", "prompt": "long f(long x);", "tests": "}"}""", "'prompt': a C++ prompt")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("multipl-e", row).Message, StringComparison.Ordinal);
    }
}
