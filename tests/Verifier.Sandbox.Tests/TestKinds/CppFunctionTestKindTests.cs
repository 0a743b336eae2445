using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.TestKinds;

/// <summary>
/// C++ <c>function</c> tests: the candidate is a library, the function server compiled with it converts JSON arguments
/// to the entry point's parameter types and answers the JSON of the return value, compared outside the sandbox.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CppFunctionTestKindTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Theory]
    [InlineData("int add(int a, int b) { return a + b; }", "add", "[2, 3]", "5")]
    [InlineData("long long mul(long long a, long long b) { return a * b; }", "mul", "[3037000499, 3037000499]", "9223372030926249001")]
    [InlineData("unsigned long long top(unsigned long long a) { return a; }", "top", "[18446744073709551615]", "18446744073709551615")]
    [InlineData("double half(double x) { return x / 2; }", "half", "[0.3]", "0.15")]
    [InlineData("#include <string>\nstd::string shout(const std::string& s) { return s + \"!\"; }", "shout", "[\"h\\u00e9\\\"\\n\"]", "\"h\\u00e9\\\"\\n!\"")]
    [InlineData("#include <vector>\nstd::vector<int> twice(std::vector<int>& v) { for (int& x : v) x *= 2; return v; }", "twice", "[[1, -2, 3]]", "[2, -4, 6]")]
    [InlineData("#include <vector>\nstd::vector<std::vector<int>> t(const std::vector<std::vector<int>>& g) { std::vector<std::vector<int>> r(g[0].size(), std::vector<int>(g.size())); for (size_t i = 0; i < g.size(); i++) for (size_t j = 0; j < g[i].size(); j++) r[j][i] = g[i][j]; return r; }", "t", "[[[1, 2], [3, 4], [5, 6]]]", "[[1, 3, 5], [2, 4, 6]]")]
    [InlineData("#include <map>\n#include <string>\n#include <vector>\nstd::map<std::string, int> count(std::vector<std::string> w) { std::map<std::string, int> m; for (auto& s : w) m[s]++; return m; }", "count", "[[\"a\", \"b\", \"a\"]]", "{\"b\": 1, \"a\": 2}")]
    [InlineData("#include <map>\nstd::map<int, bool> odd(std::map<int, int> m) { std::map<int, bool> r; for (auto [k, v] : m) r[k] = v % 2; return r; }", "odd", "[{\"-1\": 3, \"7\": 4}]", "{\"-1\": true, \"7\": false}")]
    [InlineData("#include <utility>\n#include <string>\nstd::pair<std::string, int> swap_(std::pair<int, std::string> p) { return {p.second, p.first}; }", "swap_", "[[4, \"x\"]]", "[\"x\", 4]")]
    [InlineData("bool even(int x) { return x % 2 == 0; }", "even", "[-4]", "true")]
    [InlineData("char succ(char c) { return c + 1; }", "succ", "[\"a\"]", "\"b\"")]
    [InlineData("#include <optional>\n#include <tuple>\nstd::optional<std::tuple<int, double>> f(std::optional<int> x) { if (!x) return std::nullopt; return std::make_tuple(*x, *x / 2.0); }", "f", "[3]", "[3, 1.5]")]
    [InlineData("#include <set>\n#include <unordered_set>\nstd::unordered_set<int> u(std::set<int> s) { return {s.begin(), s.end()}; }", "u", "[[5, 1, 3, 1]]", "[1, 3, 5]")]
    public async Task Verify_StandardTypes_AreConvertedBothWays(string code, string entry, string args, string expected)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(code, Function(entry, (args, expected))));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Theory]
    [InlineData("twoSum")]
    [InlineData("Solution.twoSum")]
    public async Task Verify_LeetCodeSolutionClass_ResolvesByBareOrQualifiedName(string entry)
    {
        // As on LeetCode: no includes, no std::, one fresh instance per call (the member counter starts at 0 each time).
        const string code = "class Solution {\n  int calls = 0;\npublic:\n  vector<int> twoSum(vector<int>& nums, int target) {\n" +
            "    calls++;\n    unordered_map<int, int> seen;\n    for (int i = 0; i < (int)nums.size(); i++) {\n" +
            "      if (seen.count(target - nums[i])) return {seen[target - nums[i]], i, calls};\n      seen[nums[i]] = i;\n    }\n    return {};\n  }\n};\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Function(entry, ("[[2, 7, 11, 15], 9]", "[0, 1, 1]"), ("[[3, 2, 4], 6]", "[1, 2, 1]"))));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(2, verdict.TestsPassed);
    }

    [Fact]
    public async Task Verify_WrongValue_IsWrongAnswerSayingWhere()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <vector>\nstd::vector<int> f(int n) { return {n, n + 1}; }", Function("f", ("[1]", "[1, 2]"), ("[5]", "[5, 7]"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal(1, verdict.TestsPassed);
        Assert.Contains("$[1]: expected 7, got 6", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[2147483648]", "2147483648 is out of range for int")]
    [InlineData("[1.5]", "expected an integer for int, got 1.5")]
    [InlineData("[1, 2]", "takes 1 argument(s), the test gives 2")]
    public async Task Verify_ArgumentThatDoesNotFit_IsRefusedClearly(string args, string reason)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int id(int x) { return x; }", Function("id", (args, "0"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Throwing_IsRuntimeErrorWithTheException()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <stdexcept>\nint f(int x) { throw std::out_of_range(\"too far\"); }", Function("f", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("std::out_of_range: too far", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#include <cstdlib>\nint f(int x) { std::exit(0); }")]
    [InlineData("#include <unistd.h>\nint f(int x) { _exit(0); }")]
    [InlineData("int f(int x) { int* p = nullptr; return *p + x; }")]
    public async Task Verify_EndingTheServerInsideTheCall_IsRuntimeError(string code)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(code, Function("f", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
    }

    [Fact]
    public async Task Verify_PrintingAndReadingStdin_DoNotDisturbTheAnswers()
    {
        const string code = "#include <bits/stdc++.h>\nint f(int x) {\n  std::cout << \"{\\\"ok\\\":true,\\\"value\\\":\\\"99\\\"}\" << std::endl;\n" +
            "  std::printf(\"noise\\n\");\n  int y = 0;\n  if (!(std::cin >> y)) y = 7;\n  std::fprintf(stderr, \"err\\n\");\n  return x + y;\n}\n" +
            "int main() { std::puts(\"a main of its own is not run\"); return 1; }\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Function("f", ("[1]", "8"), ("[2]", "9"))));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task Verify_InfiniteLoop_IsTimeLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int f(int x) { volatile int y = x; while (true) y++; }", Function("f", ("[1]", "1")), timeMs: 500));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_NaNReturn_IsWrongAnswerNotJson()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <cmath>\ndouble f(double x) { return std::sqrt(-x); }", Function("f", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("NaN", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CompileError_IsCompileErrorWithTheCompilersMessage()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int f(int x) { return x + undeclared_thing; }", Function("f", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("undeclared_thing", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("error", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int g(int x) { return x; }", "f")]
    [InlineData("class Solution { public: int g(int x) { return x; } };", "f")]
    [InlineData("class Solution { public: int g(int x) { return x; } };", "Solution.f")]
    [InlineData("int f(int x) { return x; }", "Missing.f")]
    public async Task Verify_EntryPointThatDoesNotExist_IsCompileErrorNamingIt(string code, string entry)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(code, Function(entry, ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains(entry.Contains('.', StringComparison.Ordinal) ? entry[..entry.IndexOf('.', StringComparison.Ordinal)] : "the entry point f is neither", verdict.Reason, StringComparison.Ordinal);
    }
}
