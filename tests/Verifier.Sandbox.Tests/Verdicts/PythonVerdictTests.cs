using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Verdicts;

[Collection(SandboxCollection.Name)]
public class PythonVerdictTests(SharedSandbox shared)
{
    private const string Sum = "a, b = map(int, input().split())\nprint(a + b)\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_WhenOutputsMatch_ReturnsAcceptedWithReward1()
    {
        var verdict = await _sandbox.VerifyAsync(Python(Sum, Io(("1 2\n", "3\n"), ("-5 5", "0"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(1.0, verdict.Reward);
        Assert.Equal(2, verdict.TestsPassed);
        Assert.All(verdict.Tests, t => Assert.True(t.CpuMs > 0 && t.WallMs > 0));
        Assert.Equal(Sum, verdict.Code);
        Assert.Equal("python", verdict.Language);
    }

    [Fact]
    public async Task Verify_WhenAnOutputDiffers_ReturnsWrongAnswerAndStopsThere()
    {
        var verdict = await _sandbox.VerifyAsync(Python(Sum, Io(("1 2", "3"), ("2 2", "5"), ("3 3", "6"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Equal(2, verdict.TestsRun);
        Assert.Equal(3, verdict.TestsTotal);
        Assert.Contains("expected '5', got '4'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenRunAllAsked_RunsEveryTestAndFractionScores()
    {
        var verdict = await _sandbox.VerifyAsync(Python(Sum, Io(("1 2", "3"), ("2 2", "5"), ("3 3", "6"), ("0 0", "1")), scoring: CodeScoring.Fraction));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(4, verdict.TestsRun);
        Assert.Equal(0.5, verdict.Reward);
        Assert.Equal(0.5, verdict.PassFraction);
        Assert.Equal([true, false, true, false], verdict.Tests.Select(t => t.Passed));
    }

    [Fact]
    public async Task Verify_WhenSyntaxError_ReturnsCompileErrorWithoutRunningTests()
    {
        var verdict = await _sandbox.VerifyAsync(Python("print('hi'\n", Prints("hi")));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Empty(verdict.Tests);
        Assert.Contains("SyntaxError", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("print('hi'\n", "SyntaxError")]
    [InlineData("x = " + "(" + "\n", "SyntaxError")]
    [InlineData("print(1)\n\0\n", "source code")]
    public async Task Verify_WhenSourceDoesNotCompile_NamesTheFileAsSubmitted(string code, string error)
    {
        var verdict = await _sandbox.VerifyAsync(Python(code, Io(("", "1"), ("", "1"))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains(error, verdict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp/job", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>The first test's run is also the syntax check: what the program sees must be a plain <c>python3 main.py</c>.</summary>
    [Fact]
    public async Task Verify_ProgramSeesTheInterpreterAsWhenRunDirectly()
    {
        const string probe =
            "import os, sys\n" +
            "print(__name__, sys.argv, os.path.basename(__file__), __cached__, type(__loader__).__name__)\n" +
            "print(sys.path[0] == os.getcwd() == os.path.dirname(__file__))\n" +
            "print(sorted(k for k in globals() if not k.startswith('__')))\n" +
            "try:\n    os.fstat(3)\n    print('fd 3 open')\nexcept OSError:\n    print('fd 3 closed')\n";

        var verdict = await _sandbox.VerifyAsync(Python(probe, Prints("__main__ ['main.py'] main.py None SourceFileLoader\nTrue\n['os', 'sys']\nfd 3 closed")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Reason}; printed {verdict.Tests[0].Output}");
    }

    /// <summary>A program that pretends to be a syntax error is a runtime error: only the launcher, before it, can report one.</summary>
    [Theory]
    [InlineData("import sys\nprint('SyntaxError: invalid syntax (main.py, line 1)', file=sys.stderr)\nsys.exit(1)\n")]
    [InlineData("import os\nos.write(3, b'SyntaxError: forged')\n")]
    public async Task Verify_ForgedSyntaxError_IsTheProgramsRuntimeError(string code)
    {
        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("1")));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenProgramRaises_ReturnsRuntimeErrorWithStderr()
    {
        var verdict = await _sandbox.VerifyAsync(Python("print(1 // 0)", Prints("0")));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal(1, verdict.Tests[0].ExitCode);
        Assert.Contains("ZeroDivisionError", verdict.Tests[0].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenCpuBound_ReturnsTimeLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Python("while True:\n    pass\n", Prints(""), timeMs: 300));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.InRange(verdict.Tests[0].CpuMs, 0, 1500); // stopped near the limit (or by the wall limit on a crowded machine)
    }

    [Fact]
    public async Task Verify_WhenMemoryExceedsLimit_ReturnsMemoryLimit()
    {
        var code = "blocks = []\nfor _ in range(200):\n    blocks.append(bytearray(1 << 20))\nprint('done')\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("done"), memoryMb: 64));

        Assert.Equal(CodeVerdictKind.MemoryLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenMemoryWithinARaisedLimit_IsAccepted()
    {
        var code = "blocks = [bytearray(1 << 20) for _ in range(400)]\nprint('done')\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("done"), memoryMb: 768));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.True(verdict.Tests[0].MemoryKb > 400 * 1024);
    }

    [Fact]
    public async Task Verify_WhenOutputFloods_ReturnsOutputLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Python("while True:\n    print('x' * 4096)\n", Prints("x")));

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenCompletionHasNoPythonBlock_ReturnsNoCode()
    {
        var request = new CodeRequest { Language = "python", Completion = "<answer>I would use a loop.</answer>", Tests = Prints("1") };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.NoCode, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Equal(1, verdict.TestsTotal);
    }

    [Fact]
    public async Task Verify_WhenCompletionHasBlockInAnswer_RunsIt()
    {
        var request = new CodeRequest
        {
            Language = "python",
            Completion = "<think>```python\nprint('draft')\n```</think>\n<answer>\n```python\nprint('final')\n```\n</answer>",
            Tests = Prints("final"),
            IsolationKey = Key,
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal("print('final')", verdict.Code);
    }
}
