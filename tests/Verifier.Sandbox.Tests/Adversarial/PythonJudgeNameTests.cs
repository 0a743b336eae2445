using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, class 1, and the helper hole found after it: the names the test code reads but does not define are
/// bound by the judge, never by the candidate's say-so. The entry point is a proxy into the candidate, a standard
/// module is the judge's own import, and any other name (HumanEval's <c>poly</c>) makes the test unrunnable (null)
/// before the candidate is asked anything: a candidate-supplied <c>poly</c> that returns 0 passed any answer. The
/// candidate must never bind a builtin (<c>range</c> returning [] makes a loop of asserts run zero times), a helper,
/// or a name the test binds itself. Every candidate here is wrong (<c>inc</c> returns its argument) and must get its 0.
/// </summary>
public class PythonJudgeNameTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string WrongInc = "def inc(x):\n    return x\n";

    /// <summary>
    /// The candidate's function server (the candidate's own process: it can replace any of the server's functions)
    /// volunteers every global the candidate has, as a callable, with each answer. The judge never asks the
    /// candidate for a name, and ignores what it is told unasked.
    /// </summary>
    private const string AnswersEveryGlobal =
        "import math, sys\n" +
        "_server = sys.modules['__main__']\n" +
        "_call = _server.call\n" +
        "def _volunteer(names, request, codec):\n" +
        "    reply = _call(names, request, codec)\n" +
        "    reply['globals'] = {n: {'kind': 'callable'} for n in names if not n.startswith('__')}\n" +
        "    return reply\n" +
        "_server.call = _volunteer\n";

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

    /// <summary>The check reads the entry point by name and <c>math</c> without importing it: both free names.</summary>
    private const string FreeNamesCheck =
        "def check(candidate):\n" +
        "    for x in range(1, 4):\n" +
        "        assert math.fabs(inc(x) - (x + 1)) < 1e-9\n";

    private const string Shadows = "def range(*a):\n    return []\ndef abs(x):\n    return 0\ndef poly(xs, x):\n    return xs[0] + xs[1] * x\n";

    [Theory, MemberData(nameof(Modes))]
    public Task ServerAnsweringEveryRequestWithAGlobalsFrame_IsNotBelieved(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc + Shadows +
        "import sys\n" +
        "def lying_call(names, request, codec):\n" +
        "    every = ['poly', 'range', 'abs', 'all', 'len', 'inc', 'math', 'candidate', 'check']\n" +
        "    return {'ok': True, 'globals': {n: {'kind': 'callable'} for n in every}}\n" +
        "sys.modules['__main__'].call = lying_call\n",
        Checks("inc", FreeNamesCheck)), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task ForgedGlobalsFrameWrittenOnTheAnswerPipe_BindsNothing(SandboxMode mode) => ExpectAsync(mode, Python(
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
        Checks("inc", FreeNamesCheck)), CodeVerdictKind.WrongAnswer);

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

    /// <summary>HumanEval/38's prompt (its <c>encode_cyclic</c>, and <c>decode_cyclic</c>'s stub) and check, verbatim.</summary>
    private const string HumanEval38Prompt = HumanEval38Encode +
        "def decode_cyclic(s: str):\n" +
        "    \"\"\"\n    takes as input string encoded with encode_cyclic function. Returns decoded string.\n    \"\"\"\n";

    private const string HumanEval38Encode =
        "\n\ndef encode_cyclic(s: str):\n" +
        "    \"\"\"\n    returns encoded string by cycling groups of three characters.\n    \"\"\"\n" +
        "    # split string to groups. Each of length 3.\n" +
        "    groups = [s[(3 * i):min((3 * i + 3), len(s))] for i in range((len(s) + 2) // 3)]\n" +
        "    # cycle elements in each group. Unless group has fewer elements than 3.\n" +
        "    groups = [(group[1:] + group[0]) if len(group) == 3 else group for group in groups]\n" +
        "    return \"\".join(groups)\n\n\n";

    private const string HumanEval38Check =
        "\n\nMETADATA = {}\n\n\n" +
        "def check(candidate):\n" +
        "    from random import randint, choice\n" +
        "    import string\n\n" +
        "    letters = string.ascii_lowercase\n" +
        "    for _ in range(100):\n" +
        "        str = ''.join(choice(letters) for i in range(randint(10, 20)))\n" +
        "        encoded_str = encode_cyclic(str)\n" +
        "        assert candidate(encoded_str) == str\n\n";

    /// <summary>The candidate's own encode_cyclic: the identity, so that its identity decode_cyclic passes a check that takes the helper from it.</summary>
    private const string IdentityCyclic = "def encode_cyclic(s):\n    return s\ndef decode_cyclic(s):\n    return s\n";

    /// <summary>HumanEval/38 with its prompt in front of the check (as the adapters send it): every assert is inside <c>for _ in range(100)</c>.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task HumanEvalCheckWithALoopOfAsserts_RangeShadowedByTheCandidate_IsRejected(SandboxMode mode) => ExpectAsync(mode, Python(
        IdentityCyclic + "def range(*args):\n    return []\n" + AnswersEveryGlobal,
        Checks("decode_cyclic", HumanEval38Prompt + HumanEval38Check)), CodeVerdictKind.WrongAnswer);

    /// <summary>
    /// HumanEval's check alone (no prompt) reads the problem's helper. Taken from the candidate, an identity
    /// <c>encode_cyclic</c> (or a <c>poly</c> that returns 0 for HumanEval/32) passes any answer; the judge refuses to
    /// run such a test at all, for every candidate alike: unknown (null), never a reward the submission chose.
    /// </summary>
    public static TheoryData<SandboxMode, string, string, string, string> ChecksReadingAProblemHelper()
    {
        var data = new TheoryData<SandboxMode, string, string, string, string>();
        const string poly = "import math\ndef poly(xs, x):\n    return sum(c * math.pow(x, i) for i, c in enumerate(xs))\n";
        const string findZeroCheck =
            "\n\nMETADATA = {}\n\n\n" +
            "def check(candidate):\n" +
            "    import math\n" +
            "    for coeffs in [[-1, 1], [-6, 11, -6, 1]]:\n" +
            "        solution = candidate(coeffs)\n" +
            "        assert math.fabs(poly(coeffs, solution)) < 1e-4\n";
        foreach (var mode in Modes)
        {
            data.Add(mode, "encode_cyclic", "decode_cyclic", IdentityCyclic, HumanEval38Check);
            data.Add(mode, "encode_cyclic", "decode_cyclic", HumanEval38Encode + "def decode_cyclic(s: str):\n    return encode_cyclic(encode_cyclic(s))\n", HumanEval38Check);
            data.Add(mode, "poly", "find_zero", "def poly(xs, x):\n    return 0\ndef find_zero(xs):\n    return 12345.0\n", findZeroCheck);
            data.Add(mode, "poly", "find_zero", poly + "def find_zero(xs):\n    lo, hi = -100.0, 100.0\n    for _ in range(200):\n        mid = (lo + hi) / 2\n        if (poly(xs, lo) > 0) == (poly(xs, mid) > 0):\n            lo = mid\n        else:\n            hi = mid\n    return lo\n", findZeroCheck);
        }

        return data;
    }

    [Theory, MemberData(nameof(ChecksReadingAProblemHelper))]
    public async Task CheckReadingAHelperItDoesNotDefine_IsUnknownForCheatAndHonestCandidateAlike(SandboxMode mode, string helper, string entry, string code, string check)
    {
        var verdict = await In(mode).VerifyAsync(Python(code, Checks(entry, check)));

        Assert.True(verdict.Verdict == CodeVerdictKind.InfraError, $"{mode}: expected infra_error, got {verdict.Verdict}: {verdict.Reason}");
        Assert.Null(verdict.Reward);
        Assert.Contains($"'{helper}'", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("prompt", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>A StopIteration raised by the candidate would end the judge's own iteration: all(map(...)) is then vacuously true.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateRaisingStopIteration_DoesNotEndTheChecksLoop(SandboxMode mode) => ExpectAsync(mode, Python(
        "def inc(x):\n    raise StopIteration\n",
        Checks("inc", "def check(candidate):\n    assert all(map(lambda x: candidate(x) == x + 1, [1, 2]))\n")), CodeVerdictKind.RuntimeError);

    /// <summary>HumanEval/32 as the adapters send it: the prompt (its <c>poly</c>, its <c>import math</c>) in front of the check.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task HelperFromThePromptInTheTestCode_IsTheTestsOwn_ACandidatePolyChangesNothing(SandboxMode mode) => ExpectAsync(mode, Python(
        "def poly(xs, x):\n    return 0\ndef find_zero(xs):\n    return 12345.0\n" + AnswersEveryGlobal,
        Checks("find_zero",
            "import math\n\n\ndef poly(xs: list, x: float):\n    return sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)])\n\n\n" +
            "def find_zero(xs: list):\n    \"\"\" the prompt's stub \"\"\"\n\n\n" +
            "def check(candidate):\n    for coeffs in [[-1, 1], [2, -3, 1]]:\n        assert math.fabs(poly(coeffs, candidate(coeffs))) < 1e-4\n")),
        CodeVerdictKind.WrongAnswer);

    /// <summary>A standard module the check reads without importing it (HumanEval's checks lean on the prompt's imports) is the judge's import, whatever the candidate imported.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task StandardModuleTheCheckDoesNotImport_IsImportedByTheJudge(SandboxMode mode) => ExpectAsync(mode, Python(
        "def inc(x):\n    return x + 1\n",
        Checks("inc", "def check(candidate):\n    assert math.isclose(candidate(1), 2) and string.digits[2] == '2'\n")), CodeVerdictKind.Accepted);

    /// <summary>A candidate that binds a module's name to something else cannot make the judge's module lie.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task CandidateGlobalNamedLikeAModule_IsNotTheJudgesModule(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc + "class math:\n    @staticmethod\n    def isclose(a, b):\n        return True\n",
        Checks("inc", "def check(candidate):\n    assert math.isclose(candidate(1), 2)\n")), CodeVerdictKind.WrongAnswer);

    /// <summary>
    /// HumanEval/33's check compares the candidate with <c>sort_third</c> called by name, and the prompt in front of it
    /// defines <c>sort_third</c> as a stub (a docstring): the name means the candidate's function, or every correct
    /// answer would fail against a stub that returns None. Its literal asserts still reject a wrong one.
    /// </summary>
    [Theory]
    [MemberData(nameof(EntryStubCases))]
    public Task EntryPointStubInThePrompt_IsTheCandidate_WhenTheCheckCallsItByName(SandboxMode mode, string body, CodeVerdictKind expected) => ExpectAsync(mode, Python(
        "def sort_third(l: list):\n" + body,
        Checks("sort_third",
            "\n\ndef sort_third(l: list):\n    \"\"\"Sorts the items at indices divisible by three.\"\"\"\n\n\n" +
            "def check(candidate):\n" +
            "    assert tuple(candidate([1, 2, 3])) == tuple(sort_third([1, 2, 3]))\n" +
            "    assert tuple(candidate([5, 6, 3, 4, 8, 9, 2])) == tuple([2, 6, 3, 4, 8, 9, 5])\n")), expected);

    public static TheoryData<SandboxMode, string, CodeVerdictKind> EntryStubCases()
    {
        var data = new TheoryData<SandboxMode, string, CodeVerdictKind>();
        foreach (var mode in Modes)
        {
            data.Add(mode, "    l = list(l)\n    l[::3] = sorted(l[::3])\n    return l\n", CodeVerdictKind.Accepted);
            data.Add(mode, "    return l\n", CodeVerdictKind.WrongAnswer);
        }

        return data;
    }

    /// <summary>A reference implementation the test defines under the entry point's name (a body, not a stub) stays the test's: comparing the candidate with it is not comparing the candidate with itself.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task ReferenceImplementationNamedLikeTheEntryPoint_StaysTheTests(SandboxMode mode) => ExpectAsync(mode, Python(
        WrongInc,
        Checks("inc", "def inc(x):\n    \"\"\"The reference.\"\"\"\n    return x + 1\n\n\ndef check(candidate):\n    for x in [1, 2]:\n        assert candidate(x) == inc(x)\n")),
        CodeVerdictKind.WrongAnswer);

    /// <summary>A standard module the check uses unimported but the sandbox does not have (tkinter): the test cannot run, for every candidate alike.</summary>
    [Theory, MemberData(nameof(Modes))]
    public async Task StandardModuleTheSandboxLacks_IsUnknownNotZero(SandboxMode mode)
    {
        var verdict = await In(mode).VerifyAsync(Python("def inc(x):\n    return x + 1\n", Checks("inc", "def check(candidate):\n    assert candidate(1) == 2 and tkinter.TkVersion > 0\n")));

        Assert.True(verdict.Verdict == CodeVerdictKind.InfraError, $"{mode}: {verdict.Verdict}: {verdict.Reason}");
        Assert.Null(verdict.Reward);
        Assert.Contains("'tkinter'", verdict.Reason, StringComparison.Ordinal);
    }
}
