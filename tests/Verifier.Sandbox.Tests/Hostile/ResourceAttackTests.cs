using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>
/// Programs that attack the machine. Each must fail with the right verdict, and the container must come out clean:
/// the next submission of the same isolation key (same container, in fast mode) sees only itself.
/// </summary>
[Collection(SandboxCollection.Name)]
public class ResourceAttackTests(SharedSandbox shared)
{
    /// <summary>Runs in the container after an attack: no process but PID 1 and itself, nothing in /tmp but its own directory, the disk free.</summary>
    private const string Survey =
        "import os, shutil\n" +
        "pids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n" +
        "print(pids == [1, os.getpid()], os.listdir('/tmp') == [os.path.basename(os.getcwd())], os.listdir('/dev/shm'), shutil.disk_usage('/tmp').used < (1 << 20))\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private async Task<CodeVerdict> AttackThenSurveyAsync(string language, string code, int? timeMs = null, int? memoryMb = null)
    {
        var key = "attack-" + Guid.NewGuid().ToString("N");
        var attack = Make(language, code, Io(("", "unreachable")), timeMs, memoryMb, key, runAll: false, CodeScoring.Binary);
        var verdict = await _sandbox.VerifyAsync(attack);
        var survey = await _sandbox.VerifyAsync(Python(Survey, Prints("True True [] True"), key: key));
        Assert.True(survey.Verdict == CodeVerdictKind.Accepted, $"after the attack the container is not clean: {survey.Tests.FirstOrDefault()?.Output} {survey.Reason}");
        return verdict;
    }

    [Fact]
    public async Task ForkBomb_IsStoppedAndLeavesNoProcess()
    {
        var verdict = await AttackThenSurveyAsync("python", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n", timeMs: 500);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task CppForkBomb_IsStoppedAndLeavesNoProcess()
    {
        var verdict = await AttackThenSurveyAsync("cpp", "#include <unistd.h>\nint main() { for (;;) fork(); }", timeMs: 500);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task MemoryBomb_IsMemoryLimit()
    {
        var verdict = await AttackThenSurveyAsync("python", "x = []\nwhile True:\n    x.append(bytearray(10 ** 7))\n");

        Assert.Equal(CodeVerdictKind.MemoryLimit, verdict.Verdict);
    }

    [Fact]
    public async Task InfiniteLoop_IsTimeLimit()
    {
        var verdict = await AttackThenSurveyAsync("python", "while True:\n    pass\n", timeMs: 300);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task LongSleep_IsTimeLimitWithoutWaitingItOut()
    {
        var verdict = await AttackThenSurveyAsync("python", "import time\ntime.sleep(3600)\n", timeMs: 300);

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.True(verdict.WallMs < 10_000);
    }

    [Fact]
    public async Task OutputFlood_IsOutputLimit()
    {
        var verdict = await AttackThenSurveyAsync("python", "import os\nwhile True:\n    os.write(1, b'A' * 65536)\n");

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }

    [Fact]
    public async Task DiskFill_FailsAndTheSpaceComesBack()
    {
        const string code = "import os\nfor d in ('/tmp', '/dev/shm', os.getcwd()):\n    i = 0\n    try:\n        while True:\n            with open(f'{d}/fill{i}', 'wb') as f:\n                f.write(b'x' * (8 << 20))\n            i += 1\n    except OSError:\n        pass\nraise SystemExit(1)\n";

        var verdict = await AttackThenSurveyAsync("python", code);

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
    }

    [Fact]
    public async Task ThreadBomb_IsStopped()
    {
        const string code = "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()\n";

        var verdict = await AttackThenSurveyAsync("python", code);

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("can't start new thread", verdict.Tests[0].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepRecursion_CrashesAsRuntimeError()
    {
        const string code = "import sys\nsys.setrecursionlimit(10 ** 8)\ndef f(n):\n    return f(n + 1) + 1\nf(0)\n";

        // Python 3.11 keeps Python frames off the C stack: the recursion grows the heap until the memory limit.
        var verdict = await AttackThenSurveyAsync("python", code, timeMs: 5_000, memoryMb: 64);

        Assert.True(verdict.Verdict is CodeVerdictKind.RuntimeError or CodeVerdictKind.MemoryLimit, $"got {verdict.Verdict}: {verdict.Reason}");
        Assert.NotEqual(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task CppDeepRecursion_CrashesAsRuntimeError()
    {
        const string code = "int depth(int n) { volatile char pad[256]; pad[0] = (char)n; return depth(n + 1) + pad[0]; }\nint main() { return depth(0); }";

        // The stack may grow to the memory limit; 64 MB of it faults in well inside the time limit on a busy machine.
        var verdict = await AttackThenSurveyAsync("cpp", code, memoryMb: 64);

        Assert.True(verdict.Verdict is CodeVerdictKind.RuntimeError or CodeVerdictKind.MemoryLimit, $"got {verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task KillingPid1_HasNoEffect()
    {
        const string code = "import os, signal\nfor sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGSTOP, signal.SIGQUIT):\n    try:\n        os.kill(1, sig)\n    except OSError:\n        pass\nos.kill(-1, signal.SIGKILL)\n";

        var verdict = await AttackThenSurveyAsync("python", code);

        // kill(-1) killed the program itself, which the judge reports; the supervisor lived on for the survey.
        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
    }
}
