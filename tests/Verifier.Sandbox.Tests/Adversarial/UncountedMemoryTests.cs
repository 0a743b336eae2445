using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, class 7: the memory watch counted anonymous memory only, so memory held as shmem (memfds, files in the
/// /tmp and /dev/shm tmpfs, shared anonymous mappings) was free: 56 MB under a 32 MB limit passed. Each program
/// here prints the right answer while holding more than its limit, in pieces under the 16 MB file-size limit and
/// within the container's memory (so only the watch can catch it); the controls stay under the limit and pass.
/// </summary>
public class UncountedMemoryTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const int LimitMb = 32;

    /// <summary>Writes `pieces` of 14 MB, 1 MB at a time (so the program's own anonymous memory stays small), then holds them.</summary>
    private static string HoldingProgram(string open, int pieces) =>
        "import os, mmap, time\n" +
        "chunk = b'x' * (1 << 20)\n" +
        "held = []\n" +
        $"for i in range({pieces}):\n" +
        $"    fd = {open}\n" +
        "    for _ in range(14):\n" +
        "        os.write(fd, chunk)\n" +
        "    held.append(fd)\n" +
        "time.sleep(0.3)\n" +
        "print(42)\n";

    [Theory, MemberData(nameof(Modes))]
    public Task Memfds_AreCountedAgainstTheLimit(SandboxMode mode) =>
        ExpectAsync(mode, Python(HoldingProgram("os.memfd_create('m')", 4), Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task TmpFiles_AreCountedAgainstTheLimit(SandboxMode mode) =>
        ExpectAsync(mode, Python(HoldingProgram("os.open('/tmp/held%d' % i, os.O_WRONLY | os.O_CREAT, 0o600)", 4), Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task TmpFilesLeftBehindByAProgramThatExitsAtOnce_AreCountedAgainstTheLimit(SandboxMode mode) =>
        ExpectAsync(mode, Python(
            "import os\nchunk = b'x' * (1 << 20)\nfor i in range(4):\n    with open('/tmp/left%d' % i, 'wb') as f:\n        for _ in range(14):\n            f.write(chunk)\nprint(42)\n",
            Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task DevShmPlusTmpPlusMemfd_AreCountedTogether(SandboxMode mode) =>
        ExpectAsync(mode, Python(
            HoldingProgram("os.open('/dev/shm/held', os.O_WRONLY | os.O_CREAT, 0o600) if i == 0 else os.memfd_create('m') if i == 1 else os.open('/tmp/held%d' % i, os.O_WRONLY | os.O_CREAT, 0o600)", 4),
            Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task SharedAnonymousMapping_IsCountedAgainstTheLimit(SandboxMode mode) =>
        ExpectAsync(mode, Python(
            "import mmap, time\nm = mmap.mmap(-1, 56 << 20, flags=mmap.MAP_SHARED)\nfor i in range(0, 56 << 20, 4096):\n    m[i] = 1\ntime.sleep(0.3)\nprint(42)\n",
            Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task CppMemfds_AreCountedAgainstTheLimit(SandboxMode mode) => ExpectAsync(mode, Cpp(
        """
        #include <sys/mman.h>
        #include <unistd.h>
        #include <cstdio>
        #include <vector>
        int main() {
            std::vector<char> chunk(1 << 20, 'x');
            for (int i = 0; i < 4; i++) {
                int fd = memfd_create("m", 0);
                for (int j = 0; j < 14; j++) {
                    if (write(fd, chunk.data(), chunk.size()) != (ssize_t)chunk.size()) return 1;
                }
            }
            usleep(300000);
            std::puts("42");
        }
        """, Prints("42"), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);

    /// <summary>
    /// An assert-tested candidate that allocates past its limit at import and answers at once: the judge finishes and
    /// the candidate's server exits on its own, both before the watch's next tick. Its peak (resident memory, the
    /// interpreter's ~9 MB included) was read from /proc while it ran, which a server already a zombie no longer has:
    /// 26 MB held under a 32 MB limit passed in 6 of 8 tries, and 24 to 30 MB went either way. It comes from the
    /// reaped server's status now: the same program gets the same verdict every time.
    /// </summary>
    [Theory, MemberData(nameof(Modes))]
    public async Task AssertCandidateAboveItsLimitBetweenTwoTicks_IsMemoryLimit(SandboxMode mode)
    {
        const string check = "def check(candidate):\n    assert candidate() == 42\n";
        for (var round = 0; round < 8; round++)
        {
            await ExpectAsync(mode, Python(ImportHolding(26), Checks("f", check), memoryMb: LimitMb), CodeVerdictKind.MemoryLimit);
        }

        await ExpectAsync(mode, Python(ImportHolding(16), Checks("f", check), memoryMb: LimitMb), CodeVerdictKind.Accepted);
    }

    private static string ImportHolding(int megabytes) =>
        $"_held = b'\\x01' * ({megabytes} << 20)  # resident at once, not a lazy zero page\ndef f():\n    return 42\n";

    [Theory, MemberData(nameof(Modes))]
    public Task Control_AnonymousAndTmpfsMemoryUnderTheLimit_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python(
            "import os, time\nblock = bytearray(20 << 20)\nfor i in range(0, len(block), 4096):\n    block[i] = 1\n" +
            "with open('/tmp/scratch', 'wb') as f:\n    f.write(b'y' * (8 << 20))\ntime.sleep(0.2)\nprint(42)\n",
            Prints("42"), memoryMb: 64), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Control_CppNearItsLimit_IsAccepted(SandboxMode mode) => ExpectAsync(mode, Cpp(
        """
        #include <cstdio>
        #include <vector>
        int main() {
            std::vector<char> block(40 << 20, 1);
            long sum = 0;
            for (size_t i = 0; i < block.size(); i += 4096) sum += block[i];
            std::printf("%ld\n", sum > 0 ? 42L : 0L);
        }
        """, Prints("42"), memoryMb: 64), CodeVerdictKind.Accepted);

    /// <summary>The .NET runtime maps its code twice through a memfd (W^X): shmem that is the program's, and small.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task Control_CSharpNearItsLimit_IsAccepted(SandboxMode mode) => ExpectAsync(mode, CSharp(
        "var block = new byte[24 << 20];\nfor (var i = 0; i < block.Length; i += 4096) block[i] = 1;\nSystem.Console.WriteLine(block[4096] == 1 ? 42 : 0);\n",
        Prints("42"), memoryMb: 64), CodeVerdictKind.Accepted);
}
