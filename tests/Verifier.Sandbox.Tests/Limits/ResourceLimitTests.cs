using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Limits;

/// <summary>Each limit, observed from inside: the program hits it and reports what it saw, or the verdict names it.</summary>
[Collection(SandboxCollection.Name)]
public class ResourceLimitTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_WhenSleepingPastTheWallLimit_IsTimeLimitStoppedEarly()
    {
        var verdict = await _sandbox.VerifyAsync(Python("import time\ntime.sleep(60)\n", Prints(""), timeMs: 200));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Contains("wall time", verdict.Tests[0].Reason, StringComparison.Ordinal);
        Assert.InRange(verdict.Tests[0].WallMs, 850, 5_000);
    }

    [Fact]
    public async Task Verify_WhenPythonWritesABigFile_TheWriteFailsAtTheFileSizeLimit()
    {
        // CPython ignores SIGXFSZ, so the write fails with EFBIG instead of killing the process.
        const string code = "import errno\ntry:\n    with open('big', 'wb') as f:\n        f.write(b'x' * (40 << 20))\nexcept OSError as e:\n    print(errno.errorcode[e.errno])\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("EFBIG")));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenCppWritesABigFile_IsKilledBySigXfsz()
    {
        const string code = "#include <cstdio>\n#include <vector>\nint main() { std::vector<char> block(1 << 20, 'x'); FILE* f = std::fopen(\"big\", \"wb\"); for (int i = 0; i < 40; i++) std::fwrite(block.data(), 1, block.size(), f); std::fclose(f); }";

        var verdict = await _sandbox.VerifyAsync(Cpp(code, Io(("", ""))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("file size limit", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenFillingTheDisk_MeetsTheTmpfsCap()
    {
        const string code = "import errno\ntotal = 0\ntry:\n    for i in range(1000):\n        with open(f'f{i}', 'wb') as f:\n            f.write(b'x' * (8 << 20))\n        total += 8\nexcept OSError as e:\n    print(errno.errorcode[e.errno], total <= 128)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("ENOSPC True")));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenForkingWithoutEnd_MeetsThePidsLimit()
    {
        const string code = "import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n        n += 1\nexcept OSError:\n    print(n < 128)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("True")));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenOpeningFilesWithoutEnd_MeetsTheOpenFilesLimit()
    {
        const string code = "import errno\nfiles = []\ntry:\n    while True:\n        files.append(open('/dev/null'))\nexcept OSError as e:\n    print(errno.errorcode[e.errno], len(files) < 256)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("EMFILE True")));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_ContainerLimitsAreVisibleInItsCgroup()
    {
        // Memory equals memory+swap: no swap. At least the program's 256 MB plus the supervisor's 64: a container grown
        // for an earlier, bigger request (768 MB, seen in a full run) keeps its bigger cgroup, and the supervisor's
        // watch holds the program to its own limit. One CPU of quota, the pids cap.
        const string code = "def read(p):\n    return open('/sys/fs/cgroup/' + p).read().strip()\n" +
            "limit = read('memory/memory.limit_in_bytes')\n" +
            "print(limit == read('memory/memory.memsw.limit_in_bytes') and int(limit) >= (256 + 64) << 20)\n" +
            "print(read('cpu/cpu.cfs_quota_us'), read('cpu/cpu.cfs_period_us'))\n" +
            "print(read('pids/pids.max'))\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("True\n100000 100000\n128")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Languages.LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Verify_TheCpuBackstopSignalsBeforeItKills()
    {
        // The per-process RLIMIT_CPU backs up the watch loop (which may be starved on a loaded host): its soft limit
        // (SIGXCPU, read as time_limit) must come before the hard one (SIGKILL, which would read as a crash).
        const string code = "import resource\nsoft, hard = resource.getrlimit(resource.RLIMIT_CPU)\nprint(2 <= soft < hard)\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Prints("True"), timeMs: 1_000));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Languages.LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Verify_WhenStderrFloods_IsOutputLimit()
    {
        var verdict = await _sandbox.VerifyAsync(Python("import sys\nwhile True:\n    sys.stderr.write('e' * 8192)\n", Prints("")));

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }
}
