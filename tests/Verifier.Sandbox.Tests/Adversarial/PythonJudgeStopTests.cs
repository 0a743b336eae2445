using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, beside class 1: checks may tolerate exceptions from the candidate
/// (<c>try: got = candidate(x) except Exception: continue</c>). The candidate's process ending, or an answer that is
/// not plain data, must end the checks with the candidate's verdict, never pass for such a tolerated exception.
/// </summary>
public class PythonJudgeStopTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string TolerantCheck =
        "def check(candidate):\n" +
        "    for x in [1, 2]:\n" +
        "        try:\n" +
        "            got = candidate(x)\n" +
        "        except Exception:\n" +
        "            continue\n" +
        "        assert got == x + 1\n";

    [Theory, MemberData(nameof(Modes))]
    public Task CandidateThatExitsInsideAToleratedCall_IsARuntimeError(SandboxMode mode) =>
        ExpectAsync(mode, Python("import os\ndef inc(x):\n    os._exit(0)\n", Checks("inc", TolerantCheck)), CodeVerdictKind.RuntimeError);

    [Theory, MemberData(nameof(Modes))]
    public Task CandidateReturningAnObjectInsideAToleratedCall_IsWrong(SandboxMode mode) =>
        ExpectAsync(mode, Python("class Any:\n    pass\ndef inc(x):\n    return Any()\n", Checks("inc", TolerantCheck)), CodeVerdictKind.WrongAnswer);

    /// <summary>A frame that is not JSON made the judge raise a ValueError, which a check tolerating ValueError swallowed.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateAnsweringGarbageFramesInsideAToleratedCall_IsWrong(SandboxMode mode) => ExpectAsync(mode, Python(
        "import sys, struct\n" +
        "sys.modules['__main__'].answer = lambda message: __import__('os').write(4, struct.pack('>I', 9) + b'not json!')\n" +
        "def inc(x):\n    return x + 1\n",
        Checks("inc", "def check(candidate):\n    try:\n        assert candidate(1) == 2\n    except ValueError:\n        pass\n")), CodeVerdictKind.WrongAnswer);

    /// <summary>An "ok" answer with no value made the judge raise a KeyError, which a tolerant check swallowed.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateAnsweringOkWithoutAValueInsideAToleratedCall_IsWrong(SandboxMode mode) => ExpectAsync(mode, Python(
        "import json, os, struct, sys\n" +
        "_empty = json.dumps({'ok': True}).encode()\n" +
        "sys.modules['__main__'].answer = lambda message: os.write(4, struct.pack('>I', len(_empty)) + _empty)\n" +
        "def inc(x):\n    return x + 1\n",
        Checks("inc", TolerantCheck)), CodeVerdictKind.WrongAnswer);

    /// <summary>A lone surrogate in an exception's message reaches the supervisor's reply: it must not make that reply malformed (null).</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateExceptionMessageWithALoneSurrogate_IsARuntimeError(SandboxMode mode) => ExpectAsync(mode, Python(
        "def inc(x):\n    raise ValueError('bad \\ud800 input')\n",
        Checks("inc", "def check(candidate):\n    assert candidate(1) == 2\n")), CodeVerdictKind.RuntimeError);

    [Theory, MemberData(nameof(Modes))]
    public Task AssertionMessageWithTheCandidatesLoneSurrogate_IsWrong(SandboxMode mode) => ExpectAsync(mode, Python(
        "def inc(x):\n    return '\\udfff'\n",
        Checks("inc", "def check(candidate):\n    got = candidate(1)\n    assert got == 2, got\n")), CodeVerdictKind.WrongAnswer);
}
