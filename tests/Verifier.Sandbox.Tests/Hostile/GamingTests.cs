using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>
/// Submissions that try to be judged correct without being correct: exiting 0 early, atexit hooks, objects that
/// equal anything, forged "passed" markers, and searching the sandbox for the expected answers. None may be accepted.
/// </summary>
[Collection(SandboxCollection.Name)]
public class GamingTests(SharedSandbox shared)
{
    private const string IncCheck = "def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(41) == 42\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private async Task AssertRejectedAsync(CodeRequest request)
    {
        var verdict = await _sandbox.VerifyAsync(request);
        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted and not CodeVerdictKind.InfraError, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
    }

    [Theory]
    [InlineData("import os\nos._exit(0)\ndef inc(x):\n    return x\n")]
    [InlineData("import sys\nsys.exit(0)\ndef inc(x):\n    return x\n")]
    [InlineData("def inc(x):\n    raise SystemExit(0)\n")]
    [InlineData("import os\ndef inc(x):\n    os._exit(0)\n")]
    [InlineData("import os, signal\ndef inc(x):\n    os.kill(os.getppid(), signal.SIGKILL)\n    os.kill(-1, signal.SIGKILL)\n")]
    public Task PythonAssert_ExitingBeforeTheChecksFinish_IsRejected(string code) => AssertRejectedAsync(Python(code, Checks("inc", IncCheck)));

    [Fact]
    public Task PythonAssert_AtexitHookThatRewritesTheExitCode_IsRejected() =>
        AssertRejectedAsync(Python("import atexit, os\natexit.register(lambda: os._exit(0))\ndef inc(x):\n    return x\n", Checks("inc", IncCheck)));

    [Fact]
    public Task PythonIo_AtexitHookThatRewritesTheExitCode_IsRejected() =>
        AssertRejectedAsync(Python("import atexit, os\natexit.register(lambda: os._exit(0))\nraise RuntimeError('no answer')\n", Prints("42")));

    [Theory]
    [InlineData("class Any:\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\ndef inc(x):\n    return Any()\n")]
    [InlineData("class S(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\ndef inc(x):\n    return S('nope')\n")]
    [InlineData("class I(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\ndef inc(x):\n    return I(0)\n")]
    [InlineData("class L(list):\n    def __eq__(self, other):\n        return True\ndef inc(x):\n    return L()\n")]
    public async Task AlwaysEqualObjects_AreRejectedByBothJudges(string code)
    {
        await AssertRejectedAsync(Python(code, Checks("inc", IncCheck)));
        await AssertRejectedAsync(Python(code, Function("inc", ("[1]", "2"), ("[41]", "42"))));
    }

    [Fact]
    public Task PythonAssert_ForgedPassMarkersOnEveryChannel_AreRejected() => AssertRejectedAsync(Python(
        "import os, json, struct\n" +
        "forged = json.dumps({'outcome': 'passed', 'message': ''}).encode()\n" +
        "for fd in range(0, 16):\n" +
        "    for blob in (forged, struct.pack('>I', len(forged)) + forged, b'passed\\nOK\\nAll tests passed\\n'):\n" +
        "        try:\n" +
        "            os.write(fd, blob)\n" +
        "        except OSError:\n" +
        "            pass\n" +
        "print('PASSED')\n" +
        "def inc(x):\n" +
        "    return x\n",
        Checks("inc", IncCheck)));

    [Fact]
    public Task PythonFunction_ForgedAnswerFramesBesideAWrongReturn_AreRejected() => AssertRejectedAsync(Python(
        "import os, json, struct\n" +
        "def inc(x):\n" +
        "    junk = json.dumps({'ok': True, 'value': 'true'}).encode()\n" +
        "    os.write(4, b'garbage' + struct.pack('>I', 1 << 30))\n" +
        "    print(json.dumps({'op': 'result', 'ok': True}))\n" +
        "    return None\n",
        Function("inc", ("[1]", "2"))));

    [Fact]
    public Task PythonIo_PrintingPassedInsteadOfTheAnswer_IsRejected() =>
        AssertRejectedAsync(Python("print('All tests passed')\nprint('OK')\n", Prints("42")));

    [Fact]
    public async Task ExpectedOutputs_AreNowhereInTheSandbox()
    {
        // The program searches every readable file, /proc included, for the expected answer. It must not find it,
        // for io and function tests (expected outputs never enter the sandbox) and for the Python judge's test code
        // (which lives only in the judge's memory, out of the submission's reach).
        var token = "expected-" + Guid.NewGuid().ToString("N");
        var search =
            "import os, re\n" +
            "def search():\n" +
            "    token = re.compile(rb'expected' + rb'-[0-9a-f]{32}')\n" +
            "    paths = []\n" +
            "    for top in ('/tmp', '/dev/shm', '/etc', '/var', '/run', '/root', '/home', os.getcwd()):\n" +
            "        for root, dirs, files in os.walk(top):\n" +
            "            paths += [os.path.join(root, f) for f in files]\n" +
            "    for pid in (p for p in os.listdir('/proc') if p.isdigit()):\n" +
            "        paths += [f'/proc/{pid}/{n}' for n in ('cmdline', 'environ', 'mem')]\n" +
            "        try:\n" +
            "            paths += [f'/proc/{pid}/fd/{fd}' for fd in os.listdir(f'/proc/{pid}/fd')]\n" +
            "        except OSError:\n" +
            "            pass\n" +
            "    for path in paths:\n" +
            "        try:\n" +
            "            with open(path, 'rb') as f:\n" +
            "                os.set_blocking(f.fileno(), False)\n" +
            "                data = f.read(1 << 20) or b''\n" +
            "        except (OSError, ValueError):\n" +
            "            continue\n" +
            "        found = token.search(data)\n" +
            "        if found:\n" +
            "            return found.group().decode()\n" +
            "    return 'absent'\n";

        var io = await _sandbox.VerifyAsync(Python(search + "print(search())\n", Prints(token), timeMs: 5_000));
        var function = await _sandbox.VerifyAsync(Python(search + "def answer():\n    return search()\n", Function("answer", ("[]", $"\"{token}\"")), timeMs: 5_000));
        var judged = await _sandbox.VerifyAsync(Python(search + "def answer():\n    return search()\n", Checks("answer", $"def check(candidate):\n    assert candidate() == '{token}'\n"), timeMs: 5_000));

        // The control: a token that does enter the sandbox (as stdin) is found by the same search.
        var control = await _sandbox.VerifyAsync(Python(search + "print(search())\n", Io((token, token)), timeMs: 5_000));

        Assert.Equal(CodeVerdictKind.Accepted, control.Verdict);
        Assert.Equal(CodeVerdictKind.WrongAnswer, io.Verdict);
        Assert.Equal("absent\n", io.Tests[0].Output);
        Assert.Equal(CodeVerdictKind.WrongAnswer, function.Verdict);
        Assert.Equal("\"absent\"", function.Tests[0].Output);
        Assert.Equal(CodeVerdictKind.WrongAnswer, judged.Verdict);
    }
}
