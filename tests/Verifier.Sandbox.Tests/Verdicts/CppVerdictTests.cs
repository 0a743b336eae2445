using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Verdicts;

[Collection(SandboxCollection.Name)]
public class CppVerdictTests(SharedSandbox shared)
{
    private const string Sum = "#include <bits/stdc++.h>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_WhenOutputsMatch_ReturnsAccepted()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(Sum, Io(("1 2", "3"), ("4000000000 4000000000", "8000000000"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(1.0, verdict.Reward);
        Assert.True(verdict.CompileMs > 0);
    }

    [Fact]
    public async Task Verify_WhenOutputDiffers_ReturnsWrongAnswer()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(Sum, Io(("1 2", "4"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal("3\n", verdict.Tests[0].Output);
    }

    [Fact]
    public async Task Verify_WhenCodeDoesNotCompile_ReturnsCompileErrorWithDiagnostics()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int main() { return undefined_name; }", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("undefined_name", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenTheCompilerFloodsItsOutput_TheReasonStillShowsTheFirstDiagnostics()
    {
        // Two thousand undeclared names: far more diagnostics than the compile output limit keeps.
        var code = "int main() {\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"  undeclared_{i} = {i};\n")) + "}\n";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Io(("", ""))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.StartsWith("the compiler's output exceeded its limit", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("undeclared_0", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenSegfault_ReturnsRuntimeErrorNamingTheSignal()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int main() { volatile int* p = nullptr; *p = 1; }", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal("SIGSEGV", verdict.Tests[0].Signal);
    }

    [Fact]
    public async Task Verify_WhenNonZeroExit_ReturnsRuntimeError()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int main() { return 3; }", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal(3, verdict.Tests[0].ExitCode);
    }

    [Fact]
    public async Task Verify_WhenLooping_ReturnsTimeLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("int main() { volatile unsigned long x = 0; for (;;) x++; }", Io(("", "")), timeMs: 300));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenAllocatingPastLimit_ReturnsMemoryLimit()
    {
        var code = "#include <vector>\n#include <cstdio>\nint main() { std::vector<char*> v; for (int i = 0; i < 4096; i++) { char* p = new char[1 << 20]; for (int j = 0; j < (1 << 20); j += 4096) p[j] = 1; v.push_back(p); } std::puts(\"done\"); }";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Io(("", "done")), memoryMb: 64));

        Assert.Equal(CodeVerdictKind.MemoryLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenPrintingForever_ReturnsOutputLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp("#include <cstdio>\nint main() { for (;;) std::fputs(\"spam spam spam\\n\", stdout); }", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }
}
