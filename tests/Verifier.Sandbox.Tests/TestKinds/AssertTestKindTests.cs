using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.TestKinds;

[Collection(SandboxCollection.Name)]
public class AssertTestKindTests(SharedSandbox shared)
{
    // MBPP's asserts call the entry point by its name: that name, and only that one, is the candidate's.
    private const string PythonCheck = "import math\n\ndef check(candidate):\n    assert candidate([3, 1, 2]) == (1, 3)\n    assert candidate([5]) == (5, 5)\n    assert math.isclose(bounds([1.5])[1], 1.5)\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_PythonCheckPasses_IsAccepted()
    {
        const string code = "def bounds(xs):\n    return (min(xs), max(xs))\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("bounds", PythonCheck)));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(1, verdict.TestsTotal);
    }

    /// <summary>MBPP's <c>test_list</c> as it comes: module-level asserts calling the function by name, no check().</summary>
    [Theory]
    [InlineData("def bounds(xs):\n    return (min(xs), max(xs))\n", CodeVerdictKind.Accepted)]
    [InlineData("def bounds(xs):\n    return (min(xs), min(xs))\n", CodeVerdictKind.WrongAnswer)]
    public async Task Verify_MbppAssertsWithoutACheck_AreTheChecks(string code, CodeVerdictKind expected)
    {
        const string mbppAsserts = "assert bounds([3, 1, 2]) == (1, 3)\nassert bounds([5]) == (5, 5)\nassert bounds([-1, 4]) == (-1, 4)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("bounds", mbppAsserts)));

        Assert.True(verdict.Verdict == expected, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task Verify_PythonCheckAssertionFails_IsWrongAnswerWithTheLine()
    {
        const string code = "def bounds(xs):\n    return (max(xs), min(xs))\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("bounds", PythonCheck)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("AssertionError (test line 4)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PythonCandidateRaises_IsRuntimeError()
    {
        var verdict = await _sandbox.VerifyAsync(Python("def bounds(xs):\n    return xs[10]\n", Checks("bounds", PythonCheck)));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("IndexError", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PythonCheckCanCatchTheCandidatesBuiltinExceptions()
    {
        const string check = "def check(candidate):\n    try:\n        candidate(-1)\n    except ValueError:\n        pass\n    else:\n        assert False, 'expected ValueError'\n    assert candidate(4) == 2\n";
        const string code = "def root(x):\n    if x < 0:\n        raise ValueError('negative')\n    return int(x ** 0.5)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("root", check)));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    /// <summary>
    /// The judge's CPU before its first call (parsing the test, building its inputs: HumanEval+'s run to thousands of
    /// cases) is the test's, not the candidate's: a test that prepares for 400 ms leaves a 200 ms candidate its 200 ms.
    /// </summary>
    [Theory]
    [InlineData("def inc(x):\n    return x + 1\n", CodeVerdictKind.Accepted)]
    [InlineData("def inc(x):\n    while True:\n        pass\n", CodeVerdictKind.TimeLimit)]
    [InlineData("def inc(x):\n    return x\n", CodeVerdictKind.WrongAnswer)]
    public async Task Verify_PythonTestThatPreparesLongerThanTheTimeLimit_ChargesTheCandidateOnlyItsOwn(string code, CodeVerdictKind expected)
    {
        const string preparing =
            "import time\n\nstart = time.process_time()\nwhile time.process_time() - start < 0.4:\n    pass\n\n" +
            "def check(candidate):\n    assert candidate(1) == 2\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("inc", preparing), timeMs: 200));

        Assert.True(verdict.Verdict == expected, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task Verify_PythonCheckThatNeverEnds_IsTimeLimit()
    {
        const string code = "def f():\n    while True:\n        pass\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("f", "def check(candidate):\n    candidate()\n"), timeMs: 300));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Theory]
    [InlineData("def mean(xs):\n    return sum(xs) / len(xs)\n", CodeVerdictKind.Accepted)]
    [InlineData("def mean(xs):\n    return sum(xs) / len(xs) + 1e-9\n", CodeVerdictKind.Accepted)]
    [InlineData("def mean(xs):\n    return max(xs)\n", CodeVerdictKind.WrongAnswer)]
    public async Task Verify_HumanEvalPlusCheckThatImportsNumpy_JudgesTheAnswer(string code, CodeVerdictKind expected)
    {
        var verdict = await _sandbox.VerifyAsync(Python(code, Checks("mean", EvalPlusChecks.Mean)));

        Assert.True(verdict.Verdict == expected, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task Verify_PythonCheckImportingAModuleTheSandboxLacks_IsUnknownNotZero()
    {
        var verdict = await _sandbox.VerifyAsync(Python("def f():\n    return 1\n", Checks("f", "import tkinter\n\ndef check(candidate):\n    assert candidate() == 1\n")));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Contains("'tkinter'", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assert True\n", "defines no check")]
    [InlineData("def check(candidate)\n    pass\n", "does not compile")]
    // At run time, before the first call: the checks do the same run again with no candidate, so they are the test's.
    [InlineData("def check(candidate, expected):\n    assert candidate() == expected\n", "TypeError: check() missing 1 required positional argument")]
    [InlineData("assert 1 == 2, 'module-level'\n\ndef check(candidate):\n    assert candidate() == 1\n", "AssertionError: module-level (test line 1)")]
    [InlineData("def check(candidate):\n    total = 1 / 0\n    assert candidate() == total\n", "ZeroDivisionError")]
    [InlineData("def check(candidate):\n    pass\n", "the check never calls the candidate")]
    [InlineData("def check(candidate):\n    for case in []:\n        assert candidate() == case\n", "the check never calls the candidate")]
    public async Task Verify_PythonTestCodeBrokenBeforeAnyCall_IsUnknownNotZero(string test, string reason)
    {
        var verdict = await _sandbox.VerifyAsync(Python("def f():\n    return 1\n", Checks("f", test)));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("def check(candidate):\n    while True:\n        pass\n", "hits its wall limit before it calls the candidate")]
    [InlineData("_table = b'x' * (90 << 20)\n\ndef check(candidate):\n    assert candidate() == 1\n", "hits its memory limit before it calls the candidate")]
    public async Task Verify_PythonTestCodeOverALimitBeforeAnyCall_IsUnknownNotZero(string test, string reason)
    {
        var verdict = await _sandbox.VerifyAsync(Python("def f():\n    return 1\n", Checks("f", test), timeMs: 300, memoryMb: 64));

        Assert.True(verdict.Verdict == CodeVerdictKind.InfraError, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Null(verdict.Reward);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CppTestsPass_IsAccepted()
    {
        const string code = "#include <vector>\n#include <algorithm>\nstd::vector<int> sorted(std::vector<int> v) { std::sort(v.begin(), v.end()); return v; }\n";
        const string test = "#include <cassert>\n#include <vector>\nstd::vector<int> sorted(std::vector<int> v);\nint main() {\n  assert((sorted({3, 1, 2}) == std::vector<int>{1, 2, 3}));\n  assert(sorted({}).empty());\n}\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Checks("sorted", test)));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_CppAssertFails_IsWrongAnswerWithTheAssertion()
    {
        const string code = "int add(int a, int b) { return a - b; }\n";
        const string test = "#include <cassert>\nint add(int, int);\nint main() { assert(add(2, 2) == 4); }\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Checks("add", test)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("add(2, 2) == 4", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CppTestMainReturnsNonZero_IsWrongAnswer()
    {
        const string code = "int add(int a, int b) { return a * b; }\n";
        const string test = "int add(int, int);\nint main() { return add(2, 3) == 5 ? 0 : 1; }\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Checks("add", test)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("exit code 1", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CppCandidateMissingTheDeclaredFunction_IsCompileError()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int other() { return 1; }\n", Checks("add", "int add(int, int);\nint main() { return add(1, 1) == 2 ? 0 : 1; }\n")));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("add", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CppCandidateAndTestsInstantiateTheSameTemplate_Links()
    {
        // Both objects hold std::vector<long>'s destructor (a weak COMDAT copy); the candidate's own main uses it too.
        const string code = "#include <vector>\nlong f(std::vector<long> v) { return v.size(); }\nint main() { return f({1, 2, 3}) == 3 ? 0 : 1; }\n";
        const string test = "#include <cassert>\n#include <vector>\nlong f(std::vector<long> v);\nint main() { assert(f({1, 2}) == 2); }\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Checks("f", test)));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Languages.LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Verify_CppCandidateRedefiningTheTestsInlineHelper_DoesNotReplaceIt()
    {
        // The attack the weak symbols shared above could allow: the candidate's own copy of the tests' inline comparison,
        // always true. The tests' copy links first and is the one kept, so the wrong answer still fails.
        const string code = "#include <vector>\n__attribute__((used, noinline)) inline bool issame(std::vector<int>, std::vector<int>) { return true; }\n" +
            "std::vector<int> sorted(std::vector<int> v) { return v; }\n";
        const string test = "#include <cassert>\n#include <vector>\nstd::vector<int> sorted(std::vector<int> v);\n" +
            "__attribute__((noinline)) inline bool issame(std::vector<int> a, std::vector<int> b) { return a == b; }\n" +
            "int main() { assert(issame(sorted({3, 1, 2}), {1, 2, 3})); }\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Checks("sorted", test)));

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, Languages.LanguageVerdictTests.Describe(verdict));
    }
}
