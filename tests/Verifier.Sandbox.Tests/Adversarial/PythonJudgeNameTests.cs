using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, class 1: the Python judge asks the candidate's function server for the names the test code reads but
/// does not define (HumanEval's <c>poly</c>). The candidate controls that answer, so it must never be able to bind a
/// builtin (<c>range</c> returning [] makes a loop of asserts run zero times), a name the judge did not ask for, or
/// a name the test binds itself. Every candidate here is wrong (<c>inc</c> returns its argument) and must get its 0.
/// </summary>
public class PythonJudgeNameTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string WrongInc = "def inc(x):\n    return x\n";

    /// <summary>
    /// The candidate's function server answers a globals request with every global the candidate has, asked or not
    /// (it is the candidate's process: it can replace the server's describe). The judge asks only when the check reads
    /// a name it does not define (here <c>math</c>, as HumanEval checks read the prompt's imports).
    /// </summary>
    private const string AnswersEveryGlobal =
        "import math, sys\n" +
        "_server = sys.modules['__main__']\n" +
        "_describe = _server.describe\n" +
        "_server.describe = lambda names, wanted, codec: _describe(names, [n for n in names if not n.startswith('__')], codec)\n";

    /// <summary>
    /// A builtin the candidate shadows, and a check whose asserts the shadow would skip or make vacuous. The arguments
    /// are plain data, so a proxy could carry the call (isinstance's second argument, a type, cannot cross: that case
    /// was already refused and stays here as a guard).
    /// </summary>
    public static TheoryData<SandboxMode, string, string, string> ShadowedBuiltins()
    {
        var data = new TheoryData<SandboxMode, string, string, string>();
        (string Name, string Shadow, string Check)[] attacks =
        [
            ("range", "def range(*a):\n    return []\n", "    for x in range(1, 4):\n        assert candidate(x) == x + 1\n"),
            ("zip", "def zip(*a):\n    return []\n", "    for x, want in zip([1, 2], [2, 3]):\n        assert candidate(x) == want\n"),
            ("enumerate", "def enumerate(*a):\n    return []\n", "    for i, x in enumerate([1, 2]):\n        assert candidate(x) == x + 1\n"),
            ("len", "def len(x):\n    return 0\n", "    cases = [1, 2]\n    for i in range(len(cases)):\n        assert candidate(cases[i]) == cases[i] + 1\n"),
            ("all", "def all(x):\n    return True\n", "    assert all([candidate(x) == x + 1 for x in [1, 2]])\n"),
            ("any", "def any(x):\n    return False\n", "    assert not any([candidate(x) != x + 1 for x in [1, 2]])\n"),
            ("sorted", "def sorted(x, **k):\n    return []\n", "    for x in sorted([2, 1]):\n        assert candidate(x) == x + 1\n"),
            ("isinstance", "def isinstance(a, b):\n    return False\n", "    for x in [1, 2]:\n        got = candidate(x)\n        if isinstance(got, int):\n            assert got == x + 1\n"),
            ("abs", "def abs(x):\n    return 0\n", "    for x in [1, 2]:\n        assert abs(candidate(x) - (x + 1)) < 1e-9\n"),
            ("tuple", "def tuple(x=()):\n    return ()\n", "    assert tuple([candidate(x) for x in [1, 2]]) == tuple([2, 3])\n"),
            ("list", "def list(x=()):\n    return []\n", "    assert list((candidate(1), candidate(2))) == list([2, 3])\n"),
            ("float", "def float(x=0):\n    return 0.0\n", "    assert float(candidate(1)) == float(2)\n"),
            ("str", "def str(x=''):\n    return ''\n", "    assert str(candidate(1)) == str(2)\n"),
            ("int", "def int(x=0):\n    return 0\n", "    assert int(candidate(1)) == int(2)\n"),
        ];
        foreach (var mode in Modes)
        {
            foreach (var (name, shadow, check) in attacks)
            {
                data.Add(mode, name, shadow, "def check(candidate):\n    assert math.pi > 3\n" + check);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(ShadowedBuiltins))]
    public Task CandidateGlobalNamedLikeABuiltin_DoesNotReplaceTheBuiltinInTheJudge(SandboxMode mode, string name, string shadow, string check)
    {
        Assert.NotEmpty(name);
        return ExpectAsync(mode, Python(WrongInc + AnswersEveryGlobal + shadow, Checks("inc", check)), CodeVerdictKind.WrongAnswer);
    }

    /// <summary>The check reads <c>poly</c> (a helper the candidate defines, as in HumanEval/32), so the judge asks for it.</summary>
    private const string PolyCheck =
        "def check(candidate):\n" +
        "    for x in range(1, 4):\n" +
        "        assert abs(poly([1, 1], x) - candidate(x)) < 1e-9\n";

    private const string Shadows = "def range(*a):\n    return []\ndef abs(x):\n    return 0\ndef poly(xs, x):\n    return xs[0] + xs[1] * x\n";

    [Theory, MemberData(nameof(Modes))]
    public Task ServerDescribeReplacedToAnswerNamesNotAskedFor_IsIgnored(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc + Shadows +
        "import sys\n" +
        "def lying_describe(names, wanted, codec):\n" +
        "    every = ['poly', 'range', 'abs', 'all', 'len', 'candidate', 'check']\n" +
        "    return {'ok': True, 'globals': {n: {'kind': 'callable'} for n in every}}\n" +
        "sys.modules['__main__'].describe = lying_describe\n",
        Checks("inc", PolyCheck)), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task ForgedGlobalsFrameWrittenOnTheAnswerPipe_BindsOnlyTheNamesAsked(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc + Shadows +
        "import json, os, struct\n" +
        "def read(n):\n" +
        "    data = b''\n" +
        "    while len(data) < n:\n" +
        "        data += os.read(3, n - len(data))\n" +
        "    return data\n" +
        "(size,) = struct.unpack('>I', read(4))\n" +
        "request = json.loads(read(size))\n" +
        "names = request.get('names', []) + ['range', 'abs', 'math']\n" +
        "forged = json.dumps({'ok': True, 'globals': dict({n: {'kind': 'callable'} for n in names}, math={'kind': 'module', 'module': 'os'})}).encode()\n" +
        "os.write(4, struct.pack('>I', len(forged)) + forged)\n",
        Checks("inc", PolyCheck)), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task CandidateGlobalsNamedLikeTheTestsOwnLocals_DoNotChangeTheTest(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc + AnswersEveryGlobal + "tol = 10 ** 9\nx = 0\nwant = None\ndef close(a, b):\n    return True\n",
        Checks("inc",
            "def check(candidate):\n" +
            "    assert math.pi > 3\n" +
            "    def close(a, b):\n" +
            "        return abs(a - b) < tol\n" +
            "    tol = 1e-6\n" +
            "    for x in [1, 2]:\n" +
            "        want = x + 1\n" +
            "        assert close(candidate(x), want)\n" +
            "    assert all(close(candidate(y), y + 1) for y in [3])\n")), CodeVerdictKind.WrongAnswer);

    /// <summary>HumanEval/38 (decode_cyclic), check verbatim: every assert is inside <c>for _ in range(100)</c>.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task HumanEvalCheckWithALoopOfAsserts_RangeShadowedByTheCandidate_IsRejected(SandboxMode mode) => ExpectAsync(mode, Python(
        "def encode_cyclic(s: str):\n" +
        "    groups = [s[(3 * i):min((3 * i + 3), len(s))] for i in range((len(s) + 2) // 3)]\n" +
        "    groups = [(group[1:] + group[0]) if len(group) == 3 else group for group in groups]\n" +
        "    return \"\".join(groups)\n" +
        "def decode_cyclic(s: str):\n" +
        "    return s\n" +
        "def range(*args):\n" +
        "    return []\n" + AnswersEveryGlobal,
        Checks("decode_cyclic",
            "\n\nMETADATA = {}\n\n\n" +
            "def check(candidate):\n" +
            "    from random import randint, choice\n" +
            "    import string\n\n" +
            "    letters = string.ascii_lowercase\n" +
            "    for _ in range(100):\n" +
            "        str = ''.join(choice(letters) for i in range(randint(10, 20)))\n" +
            "        encoded_str = encode_cyclic(str)\n" +
            "        assert candidate(encoded_str) == str\n\n")), CodeVerdictKind.WrongAnswer);

    /// <summary>A StopIteration raised by the candidate would end the judge's own iteration: all(map(...)) is then vacuously true.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateRaisingStopIteration_DoesNotEndTheChecksLoop(SandboxMode mode) => ExpectAsync(mode, Python(
        "def inc(x):\n    raise StopIteration\n",
        Checks("inc", "def check(candidate):\n    assert all(map(lambda x: candidate(x) == x + 1, [1, 2]))\n")), CodeVerdictKind.RuntimeError);

    [Theory, MemberData(nameof(Modes))]
    public Task HelperTheCheckAsksFor_StillComesFromTheCandidate(SandboxMode mode) => ExpectAsync(mode, Python(
        "import math\ndef poly(xs, x):\n    return sum(c * math.pow(x, i) for i, c in enumerate(xs))\ndef inc(x):\n    return x + 1\n",
        Checks("inc", PolyCheck + "    assert math.fabs(poly([1, 2], 2) - 5) < 1e-9\n")), CodeVerdictKind.Accepted);
}
