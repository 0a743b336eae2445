using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class CodeExtractorTests
{
    private static readonly string[] Python = ["python", "py", "python3"];

    [Fact]
    public void Extract_WhenAnswerTagPresent_TakesLastPythonBlockInsideIt()
    {
        var completion = "<think>```python\nprint('draft')\n```</think>\n<answer>\nFirst:\n```python\nprint(1)\n```\nFinal:\n```python\nprint(2)\n```\n</answer>";

        var extraction = CodeExtractor.Extract(completion, Python);

        Assert.Equal("print(2)", extraction.Code);
    }

    [Fact]
    public void Extract_WhenNoAnswerTag_TakesLastBlockAnywhere()
    {
        var completion = "Plan\n```python\nx = 1\n```\nthen\n```py\nx = 2\n```\ndone";

        Assert.Equal("x = 2", CodeExtractor.Extract(completion, Python).Code);
    }

    [Fact]
    public void Extract_WhenAnswerHasNoBlock_ReturnsNoCodeEvenIfThinkHasOne()
    {
        var completion = "<think>```python\nprint(1)\n```</think><answer>The answer is 42.</answer>";

        var extraction = CodeExtractor.Extract(completion, Python);

        Assert.False(extraction.Found);
        Assert.Contains("<answer>", extraction.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_IgnoresBlocksOfOtherLanguagesAndUntaggedBlocks()
    {
        var completion = "```python\nreal = True\n```\n```cpp\nint main(){}\n```\n```\nplain\n```";

        Assert.Equal("real = True", CodeExtractor.Extract(completion, Python).Code);
        Assert.Equal("int main(){}", CodeExtractor.Extract(completion, ["cpp", "c++"]).Code);
        Assert.False(CodeExtractor.Extract("```\nprint(1)\n```", Python).Found);
    }

    [Fact]
    public void Extract_MatchesTagsCaseInsensitivelyAndReadsOnlyTheFirstInfoWord()
    {
        Assert.Equal("a = 1", CodeExtractor.Extract("```Python title=x\na = 1\n```", Python).Code);
        Assert.Equal("b = 2", CodeExtractor.Extract("```C++ {.numberLines}\nb = 2\n```", ["cpp", "c++"]).Code);
    }

    [Fact]
    public void Extract_WhenFenceNeverCloses_TakesTheRestOfTheText()
    {
        Assert.Equal("def f():\n    return 1", CodeExtractor.Extract("```python\ndef f():\n    return 1", Python).Code);
    }

    [Fact]
    public void Extract_WhenBlockHoldsShorterFence_KeepsItInside()
    {
        var completion = "````python\ns = '''\n```\n'''\n````";

        Assert.Equal("s = '''\n```\n'''", CodeExtractor.Extract(completion, Python).Code);
    }

    [Fact]
    public void Extract_HandlesCrLfAndIndentedFences()
    {
        Assert.Equal("x = 1\ny = 2", CodeExtractor.Extract("  ```python\r\n  x = 1\r\n  y = 2\r\n  ```\r\n", Python).Code);
    }

    [Fact]
    public void Extract_WhenAnswerIsUnclosed_ReadsToTheEnd()
    {
        Assert.Equal("ok = 1", CodeExtractor.Extract("<answer>\n```python\nok = 1\n```", Python).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("no code here at all")]
    [InlineData("```python\n\n```")]
    public void Extract_WhenNothingUsable_ReturnsNoCodeWithReason(string? completion)
    {
        var extraction = CodeExtractor.Extract(completion, Python);

        Assert.False(extraction.Found);
        Assert.False(string.IsNullOrEmpty(extraction.Reason));
    }
}
