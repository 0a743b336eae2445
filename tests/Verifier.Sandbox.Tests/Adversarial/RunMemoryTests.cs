using Verifier.Core.Code;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Class 7 (run-time cgroup): a compiled program in a one-use container runs under a cgroup sized for its own limit,
/// not for the compiler that built it, so memory the supervisor's watch cannot see is still bounded at its size.
/// (A reused fast-mode container keeps the compiler's size as the hard backstop: the watch holds the program.)
/// </summary>
public sealed class RunMemoryTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string PrintCgroupLimit = """
        #include <fstream>
        #include <iostream>
        int main() {
            for (const char* path : {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max"}) {
                std::ifstream file(path);
                long long bytes;
                if (file >> bytes) { std::cout << bytes << "\n"; return 0; }
            }
            return 1;
        }
        """;

    /// <summary>A container that serves one submission only (strict mode, or fast mode without an isolation key).</summary>
    [Theory, MemberData(nameof(Modes))]
    public async Task CompiledProgram_InAOneUseContainer_RunsUnderACgroupSizedForItsOwnLimit(SandboxMode mode)
    {
        var runBytes = (64L + ContainerSpec.SupervisorOverheadMb) * 1024 * 1024;
        await ExpectAsync(mode, Cpp(PrintCgroupLimit, Prints($"{runBytes}\n"), memoryMb: 64, key: null), CodeVerdictKind.Accepted);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task BinaryLargerThanTheMemoryLimit_IsMemoryLimit_NotNull(SandboxMode mode)
    {
        // The default tmpfs (128 MB) cannot hold an executable larger than the run-time cgroup; an operator's larger
        // one can, and then the container cannot be shrunk under the files: the submission's memory_limit.
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Mode = mode;
            o.TmpfsMb = 512;
        });
        const string code = "#include <cstdio>\nchar big[150 << 20] = {1};\nint main(int argc, char**) { std::printf(\"%d\\n\", big[argc - 1]); }\n";

        var verdict = await host.Sandbox.VerifyAsync(Cpp(code, Prints("1\n"), memoryMb: 32, key: null));

        Assert.True(verdict.Verdict == CodeVerdictKind.MemoryLimit, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
    }

    [Theory, MemberData(nameof(Modes))]
    public Task ProgramNearItsLimit_AfterTheShrink_IsStillAccepted(SandboxMode mode) => ExpectAsync(
        mode,
        Cpp("#include <vector>\n#include <cstdio>\nint main() { std::vector<char> v(40 << 20, 1); long s = 0; for (char c : v) s += c; std::printf(\"%ld\\n\", s); }\n",
            Prints($"{40 << 20}\n"), memoryMb: 64),
        CodeVerdictKind.Accepted);
}
