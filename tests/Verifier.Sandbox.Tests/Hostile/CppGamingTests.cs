using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>
/// C++ assert submissions that try to pass without passing: exit(0) early, atexit, forged markers, stealing the
/// harness's nonce, and subverting the tests at compile or link time (NDEBUG, a no-op assert, a replacement
/// __assert_fail, an always-true operator==). The tests here all fail for an honest wrong answer, so any acceptance
/// would be a successful attack.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CppGamingTests(SharedSandbox shared)
{
    private const string Tests = "#include <cassert>\n#include <vector>\nint inc(int);\nstd::vector<int> evens(int);\nint main() {\n  assert(inc(1) == 2);\n  assert((evens(3) == std::vector<int>{0, 2, 4}));\n}\n";
    private const string Wrong = "int inc(int x) { return x; }\nstd::vector<int> evens(int n) { return std::vector<int>(n, 7); }\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private async Task AssertRejectedAsync(string prelude, string body = Wrong)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <vector>\n#include <cstdlib>\n#include <cstdio>\n#include <unistd.h>\n" + prelude + "\n" + body, Checks("inc", Tests)));
        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted and not CodeVerdictKind.InfraError, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task HonestSolution_IsAccepted()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <vector>\nint inc(int x) { return x + 1; }\nstd::vector<int> evens(int n) { std::vector<int> v; for (int i = 0; i < n; i++) v.push_back(2 * i); return v; }\n", Checks("inc", Tests)));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Theory]
    [InlineData("static int early = (std::exit(0), 0);")]
    [InlineData("static int early = (_exit(0), 0);")]
    [InlineData("__attribute__((constructor)) static void early() { std::quick_exit(0); }")]
    public Task ExitingBeforeTheTests_IsRejected(string prelude) => AssertRejectedAsync(prelude);

    [Theory]
    [InlineData("int inc(int x) { std::exit(0); }\nstd::vector<int> evens(int n) { return {}; }\n")]
    [InlineData("int inc(int x) { _exit(0); }\nstd::vector<int> evens(int n) { return {}; }\n")]
    public Task ExitingInsideTheCandidate_IsRejected(string body) => AssertRejectedAsync("", body);

    [Fact]
    public Task AtexitHookThatExitsZero_IsRejected() =>
        AssertRejectedAsync("static int hook = (std::atexit([] { _exit(0); }), std::at_quick_exit([] { _exit(0); }), 0);");

    [Fact]
    public Task ForgedMarkersAndAStolenNonceAttempt_AreRejected() => AssertRejectedAsync(
        "__attribute__((constructor)) static void forge() {\n" +
        "  char buf[64]; ssize_t n = read(3, buf, sizeof buf);\n" +
        "  for (int fd = 1; fd < 16; fd++) { if (n > 0) { ssize_t w = write(fd, buf, n); (void)w; } ssize_t w2 = write(fd, \"PASSED\\n\", 7); (void)w2; }\n" +
        "  std::puts(\"All tests passed\");\n" +
        "}");

    [Theory]
    [InlineData("#define NDEBUG\n#include <cassert>")]
    [InlineData("#include <cassert>\n#undef assert\n#define assert(x) ((void)0)")]
    [InlineData("extern \"C\" void __assert_fail(const char*, const char*, unsigned int, const char*) { _exit(0); }")]
    [InlineData("extern \"C\" void abort() { _exit(0); }")]
    [InlineData("namespace std { template<> bool operator==(const vector<int>&, const vector<int>&) { return true; } }")]
    [InlineData("#define main fake_main")]
    public Task SubvertingTheTestsAtCompileOrLinkTime_IsRejected(string prelude) => AssertRejectedAsync(prelude);

    [Fact]
    public async Task IfuncResolver_IsRefusedAtBuild()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(
            "#include <vector>\nstatic int real_inc(int x) { return x + 1; }\nextern \"C\" int (*resolve_inc())(int) { return real_inc; }\n" +
            "int other(int) __attribute__((ifunc(\"resolve_inc\")));\nint inc(int x) { return x + 1; }\nstd::vector<int> evens(int n) { std::vector<int> v; for (int i = 0; i < n; i++) v.push_back(2 * i); return v; }\n",
            Checks("inc", Tests)));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("ifunc", verdict.Reason, StringComparison.Ordinal);
    }
}
