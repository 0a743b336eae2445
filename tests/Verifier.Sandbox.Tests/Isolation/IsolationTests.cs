using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Isolation;

/// <summary>Nothing of one submission reaches another: not its files, not its processes, not a daemon it leaves behind.</summary>
[Collection(SandboxCollection.Name)]
public class IsolationTests(SharedSandbox shared)
{
    private const string Hostname = "import socket\nprint(socket.gethostname())\n";

    /// <summary>Leaves a daemon that, for three seconds, overwrites every file it finds, plants a marker, and kills every process it may.</summary>
    private const string Vandal =
        "import os, socket, time\n" +
        "print(socket.gethostname(), flush=True)\n" +
        "with open('/dev/shm/left-behind', 'w') as f:\n" +
        "    f.write('x')\n" +
        "if os.fork() == 0:\n" +
        "    os.setsid()\n" +
        "    if os.fork() == 0:\n" +
        "        end = time.time() + 3\n" +
        "        while time.time() < end:\n" +
        "            for top in ('/tmp', '/dev/shm'):\n" +
        "                for root, dirs, files in os.walk(top):\n" +
        "                    for name in files:\n" +
        "                        try:\n" +
        "                            with open(os.path.join(root, name), 'w') as f:\n" +
        "                                f.write('PWNED')\n" +
        "                        except OSError:\n" +
        "                            pass\n" +
        "            try:\n" +
        "                open('/tmp/daemon-was-here', 'w').close()\n" +
        "                os.kill(-1, 9)\n" +
        "            except OSError:\n" +
        "                pass\n" +
        "            time.sleep(0.005)\n" +
        "        os._exit(0)\n" +
        "    os._exit(0)\n";

    /// <summary>Runs while the daemon would still be alive, and reports what it finds.</summary>
    private const string Victim =
        "import os, socket, time\n" +
        "with open('data.txt', 'w') as f:\n" +
        "    f.write('mine')\n" +
        "time.sleep(0.5)\n" +
        "print(socket.gethostname())\n" +
        "print(open('data.txt').read(), os.path.exists('/tmp/daemon-was-here'), os.listdir('/dev/shm'), sorted(int(p) for p in os.listdir('/proc') if p.isdigit()) == [1, os.getpid()])\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private async Task<string> HostnameAsync(string? key)
    {
        var verdict = await _sandbox.VerifyAsync(Python(Hostname, Prints("?"), key: key));
        return verdict.Tests[0].Output!.Trim();
    }

    [Fact]
    public async Task DaemonLeftBehind_CannotReachTheNextSubmissionInTheSameContainer()
    {
        var key = "isolation-" + Guid.NewGuid().ToString("N");

        var vandal = await _sandbox.VerifyAsync(Python(Vandal, Prints("?"), key: key));
        var host = vandal.Tests[0].Output!.Trim();
        var victim = await _sandbox.VerifyAsync(Python(Victim, Prints($"{host}\nmine False [] True"), key: key));

        Assert.False(string.IsNullOrEmpty(host));
        Assert.True(victim.Verdict == CodeVerdictKind.Accepted, $"{victim.Reason}; printed {victim.Tests[0].Output}");
    }

    [Fact]
    public async Task FilesOfOneSubmission_AreGoneForTheNext()
    {
        var key = "isolation-" + Guid.NewGuid().ToString("N");
        const string writer = "import os\nfor d in ('/tmp', '/dev/shm', os.getcwd()):\n    with open(os.path.join(d, 'secret.txt'), 'w') as f:\n        f.write('s3cret')\nprint(os.getcwd())\n";

        var first = await _sandbox.VerifyAsync(Python(writer, Prints("?"), key: key));
        var second = await _sandbox.VerifyAsync(Python(
            "import os\nprint(os.path.exists(" + $"'{first.Tests[0].Output!.Trim()}'" + "), os.listdir('/tmp') == [os.path.basename(os.getcwd())], os.listdir('/dev/shm'))\n",
            Prints("False True []"), key: key));

        Assert.Equal(CodeVerdictKind.Accepted, second.Verdict);
    }

    [Fact]
    public async Task SysVSharedMemory_DoesNotSurviveASubmission()
    {
        var key = "isolation-" + Guid.NewGuid().ToString("N");
        const string create = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nprint(libc.shmget(0x5eed, 4096, 0o1666) >= 0)\n";
        const string look = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nprint(libc.shmget(0x5eed, 4096, 0o666))\n";

        var created = await _sandbox.VerifyAsync(Python(create, Prints("True"), key: key));
        var found = await _sandbox.VerifyAsync(Python(look, Prints("-1"), key: key));

        Assert.Equal(CodeVerdictKind.Accepted, created.Verdict);
        Assert.Equal(CodeVerdictKind.Accepted, found.Verdict);
    }

    /// <summary>
    /// Per-process settings that any process of the same uid may change on another without ptrace access: niceness,
    /// resource limits (prlimit), CPU affinity, I/O priority. Changed on PID 1, the supervisor would pass them to every
    /// later program in the container: a batch-mate would run slower, or with a smaller stack or fewer files.
    /// </summary>
    private const string Tuner =
        "import ctypes, os, resource\n" +
        "done = []\n" +
        "for name, act in (('nice', lambda: os.setpriority(os.PRIO_PROCESS, 1, 19)),\n" +
        "                  ('files', lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (16, 16))),\n" +
        "                  ('stack', lambda: resource.prlimit(1, resource.RLIMIT_STACK, (1 << 18, 1 << 18))),\n" +
        "                  ('cpus', lambda: os.sched_setaffinity(1, {min(os.sched_getaffinity(0))})),\n" +
        "                  ('io', lambda: ctypes.CDLL(None, use_errno=True).syscall(251, 1, 1, (3 << 13) | 7) == 0 or 1 / 0)):\n" +
        "    try:\n" +
        "        act()\n" +
        "        done.append(name)\n" +
        "    except Exception:\n" +
        "        pass\n" +
        "print(' '.join(done))\n";

    /// <summary>
    /// What a program sees of its own settings: the soft limits, which it inherits at its start (the hard ones are
    /// locked right after its exec, so a quick program may still see the supervisor's).
    /// </summary>
    private const string SettingsProbe =
        "import ctypes, os, resource\n" +
        "io = ctypes.CDLL(None, use_errno=True).syscall(252, 1, 0)\n" +
        "print(os.getpriority(os.PRIO_PROCESS, 0), resource.getrlimit(resource.RLIMIT_NOFILE)[0], resource.getrlimit(resource.RLIMIT_STACK)[0], len(os.sched_getaffinity(0)), io)\n";

    [Fact]
    public async Task SettingsChangedOnPid1_NeverReachTheNextSubmission()
    {
        var key = "isolation-" + Guid.NewGuid().ToString("N");
        var clean = await _sandbox.VerifyAsync(Python(SettingsProbe, Prints("?")));

        var tuner = await _sandbox.VerifyAsync(Python(Tuner, Prints("?"), key: key));
        var after = await _sandbox.VerifyAsync(Python(SettingsProbe, Prints("?"), key: key));

        Assert.True(tuner.Tests.Count == 1 && after.Tests.Count == 1, $"tuner: {tuner.Verdict} {tuner.Reason}; after: {after.Verdict} {after.Reason}");
        Assert.Contains("nice", tuner.Tests[0].Output);  // the attack really changed PID 1
        Assert.Equal(clean.Tests[0].Output, after.Tests[0].Output);
    }

    [Fact]
    public async Task FastMode_SharesContainersOnlyWithinAnIsolationKey()
    {
        var a = "tenant-a-" + Guid.NewGuid().ToString("N");
        var b = "tenant-b-" + Guid.NewGuid().ToString("N");

        var a1 = await HostnameAsync(a);
        var a2 = await HostnameAsync(a);
        var b1 = await HostnameAsync(b);
        var none1 = await HostnameAsync(null);
        var none2 = await HostnameAsync(null);

        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b1);
        Assert.NotEqual(none1, none2);
        Assert.NotEqual(a1, none1);
    }
}
