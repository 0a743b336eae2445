using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.TestKinds;

[Collection(SandboxCollection.Name)]
public class FunctionTestKindTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_WhenReturnsMatchExpectedJson_IsAccepted()
    {
        const string code = "def stats(xs, label):\n    return {'label': label, 'sum': sum(xs), 'mean': sum(xs) / len(xs), 'pair': (min(xs), max(xs)), 'none': None}\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Function(
            "stats",
            ("[[1, 2, 3], \"a\"]", "{\"label\": \"a\", \"sum\": 6, \"mean\": 2, \"pair\": [1, 3], \"none\": null}"),
            ("[[0.1, 0.2], \"b\"]", "{\"label\": \"b\", \"sum\": 0.3, \"mean\": 0.15, \"pair\": [0.1, 0.2], \"none\": null}"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(2, verdict.TestsPassed);
    }

    /// <summary>The function server compiles the solution before running any of it; its report is the syntax check.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_WhenSolutionDoesNotCompile_IsCompileErrorInBothKinds(bool assert)
    {
        const string code = "def inc(x):\n    return x +\n";
        var tests = assert ? (CodeTests)Checks("inc", "def check(candidate):\n    assert candidate(1) == 2\n") : Function("inc", ("[1]", "2"));

        var verdict = await _sandbox.VerifyAsync(Python(code, tests));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("SyntaxError", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("solution.py", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>Only the server's own prologue holds the syntax pipe: a solution writing to it is a plain failure, never compile_error.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_SolutionForgingASyntaxReport_IsNotACompileError(bool assert)
    {
        const string code = "import os\nos.write(5, b'SyntaxError: forged')\ndef inc(x):\n    return x + 1\n";
        var tests = assert ? (CodeTests)Checks("inc", "def check(candidate):\n    assert candidate(1) == 2\n") : Function("inc", ("[1]", "2"));

        var verdict = await _sandbox.VerifyAsync(Python(code, tests));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenAReturnDiffers_IsWrongAnswerSayingWhere()
    {
        var verdict = await _sandbox.VerifyAsync(Python("def f(n):\n    return [n, n + 1]\n", Function("f", ("[1]", "[1, 2]"), ("[5]", "[5, 7]"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(1, verdict.TestsPassed);
        Assert.Contains("$[1]: expected 7, got 6", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenEntryPointIsAMethod_CallsItOnAFreshInstance()
    {
        const string code = "class Solution:\n    def __init__(self):\n        self.calls = 0\n    def twice(self, x):\n        self.calls += 1\n        return [x * 2, self.calls]\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Function("Solution.twice", ("[2]", "[4, 1]"), ("[3]", "[6, 1]"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenFunctionRaises_IsRuntimeErrorWithTheException()
    {
        var verdict = await _sandbox.VerifyAsync(Python("def f(x):\n    raise ValueError('bad ' + str(x))\n", Function("f", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("ValueError: bad 1", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenEntryPointMissing_IsRuntimeError()
    {
        var verdict = await _sandbox.VerifyAsync(Python("def g():\n    return 1\n", Function("f", ("[]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("'f' is not defined", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenCallLoops_IsTimeLimitAndLaterCasesStillRun()
    {
        const string code = "def f(x):\n    while x < 0:\n        pass\n    return x\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Function("f", ("[1]", "1"), ("[-1]", "-1"), ("[2]", "2")), timeMs: 300, runAll: true));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Equal([CodeVerdictKind.Accepted, CodeVerdictKind.TimeLimit, CodeVerdictKind.Accepted], verdict.Tests.Select(t => t.Verdict));
    }

    [Fact]
    public async Task Verify_WhenModuleFailsAtImport_EveryCallIsRuntimeError()
    {
        var verdict = await _sandbox.VerifyAsync(Python("import nonexistent_module\ndef f():\n    return 1\n", Function("f", ("[]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("ModuleNotFoundError", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DoesNotRunTheMainGuardOfTheModule()
    {
        const string code = "def f():\n    return 1\nif __name__ == '__main__':\n    input()\n    raise SystemExit(1)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Function("f", ("[]", "1"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }
}
