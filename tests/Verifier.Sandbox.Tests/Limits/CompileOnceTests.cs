using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Limits;

[Collection(SandboxCollection.Name)]
public class CompileOnceTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_CppWithManyTests_RunsOneBinaryCompiledOnce()
    {
        // Each run prints the identity of the binary it runs (inode and modification time in nanoseconds): a
        // recompilation per test would show a new file each time.
        const string code = "#include <sys/stat.h>\n#include <cstdio>\nint main() { struct stat st; stat(\"/proc/self/exe\", &st); std::printf(\"%lu %ld.%09ld\\n\", (unsigned long)st.st_ino, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec); }";
        var tests = Io([.. Enumerable.Range(0, 6).Select(i => ($"{i}", "unknowable"))]);

        var verdict = await _sandbox.VerifyAsync(Cpp(code, tests, runAll: true));

        Assert.Equal(6, verdict.TestsRun);
        Assert.All(verdict.Tests, t => Assert.Equal(CodeVerdictKind.WrongAnswer, t.Verdict));
        var identities = verdict.Tests.Select(t => t.Output).ToList();
        Assert.False(string.IsNullOrWhiteSpace(identities[0]));
        Assert.Single(identities.Distinct());
        Assert.NotNull(verdict.CompileMs);
    }

    [Fact]
    public async Task Verify_PythonFunctionCalls_ShareOneImportOfTheModule()
    {
        const string code = "import os, time\nLOADED = (os.getpid(), time.monotonic_ns())\n\ndef f(i):\n    return list(LOADED)\n";
        var tests = new FunctionTests("f", [.. Enumerable.Range(0, 5).Select(i => new FunctionCase(Json($"[{i}]"), Json("[0, 0]")))]);

        var verdict = await _sandbox.VerifyAsync(Python(code, tests, runAll: true));

        Assert.Equal(5, verdict.TestsRun);
        Assert.Single(verdict.Tests.Select(t => t.Output).Distinct());
    }
}
