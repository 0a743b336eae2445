using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Python checks that end without ever calling the candidate are run again alone (no candidate, a scrubbed
/// container) before anyone is charged: doing the same alone, the test is broken for everyone (null); reaching a call
/// alone, the candidate changed the checks' course and gets its 0. These candidates change it from their own process
/// while the checks run (the judge shares their uid and their /tmp): neither may buy a pass, nor turn its 0 into a null.
/// </summary>
public class JudgeWithoutCallTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    /// <summary>The checks' cases in a file the test writes itself, read back after a pause (a fixture, say).</summary>
    private const string CasesFromAFile =
        "import json, time\n" +
        "with open('/tmp/cases.json', 'w') as f:\n" +
        "    json.dump([[1, 2], [5, 6]], f)\n\n" +
        "def check(candidate):\n" +
        "    time.sleep(0.4)\n" +
        "    with open('/tmp/cases.json') as f:\n" +
        "        cases = json.load(f)\n" +
        "    for x, want in cases:\n" +
        "        assert candidate(x) == want\n";

    /// <summary>Wrong, and empties the cases as soon as the test has written them: the loop then runs zero times.</summary>
    private const string EmptiesTheCases =
        "import os, time\n" +
        "for _ in range(400):\n" +
        "    if os.path.exists('/tmp/cases.json') and os.path.getsize('/tmp/cases.json') > 0:\n" +
        "        with open('/tmp/cases.json', 'w') as f:\n" +
        "            f.write('[]')\n" +
        "        break\n" +
        "    time.sleep(0.002)\n" +
        "def inc(x):\n" +
        "    return x\n";

    [Theory, MemberData(nameof(Modes))]
    public async Task CandidateThatEmptiesTheChecksCases_GetsItsZero(SandboxMode mode)
    {
        var verdict = await ExpectAsync(mode, Python(EmptiesTheCases, Checks("inc", CasesFromAFile)), CodeVerdictKind.WrongAnswer);

        Assert.Contains("without calling the candidate", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Modes))]
    public Task HonestAnswer_ToTheSameChecks_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python("def inc(x):\n    return x + 1\n", Checks("inc", CasesFromAFile)), CodeVerdictKind.Accepted);

    /// <summary>Wrong, and interrupts every other process at once: the judge, still before its first call.</summary>
    private const string InterruptsTheJudge =
        "import os, signal\n" +
        "for pid in os.listdir('/proc'):\n" +
        "    if pid.isdigit() and int(pid) not in (1, os.getpid()):\n" +
        "        try:\n" +
        "            os.kill(int(pid), signal.SIGINT)\n" +
        "        except OSError:\n" +
        "            pass\n" +
        "def inc(x):\n" +
        "    return x\n";

    /// <summary>The judge is killed by the signal (a 0, as any kill of the judge), or, where a check tolerates it, the
    /// checks run again alone and reach their call: a 0 either way, never a pass or a null.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CandidateThatInterruptsTheChecksBeforeTheirFirstCall_GetsItsZero(SandboxMode mode)
    {
        const string slowToStart = "import time\n\ndef check(candidate):\n    time.sleep(0.4)\n    assert candidate(1) == 2\n";
        const string toleratesInterrupts =
            "import time\n\ndef check(candidate):\n    try:\n        time.sleep(0.4)\n    except KeyboardInterrupt:\n        return\n    assert candidate(1) == 2\n";

        await ExpectZeroAsync(mode, Python(InterruptsTheJudge, Checks("inc", slowToStart)));
        await ExpectZeroAsync(mode, Python(InterruptsTheJudge, Checks("inc", toleratesInterrupts)));
    }

    /// <summary>
    /// Checks stopped at a limit before their first call are run alone too (a test over its limits by itself is null):
    /// a candidate that spends the limit from its own process while the checks prepare stays charged with it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CandidateThatSpendsTheLimitBeforeTheChecksFirstCall_GetsItsLimitVerdict(SandboxMode mode)
    {
        const string slowToStart = "import time\n\ndef check(candidate):\n    time.sleep(0.3)\n    assert candidate(1) == 2\n";

        await ExpectAsync(mode, Python("while True:\n    pass\n", Checks("inc", slowToStart), timeMs: 200), CodeVerdictKind.TimeLimit);
        await ExpectAsync(mode, Python("import time\n_held = b'x' * (90 << 20)\ntime.sleep(1)\n", Checks("inc", slowToStart), memoryMb: 64), CodeVerdictKind.MemoryLimit);
    }
}
