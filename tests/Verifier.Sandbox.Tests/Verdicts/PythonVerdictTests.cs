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
