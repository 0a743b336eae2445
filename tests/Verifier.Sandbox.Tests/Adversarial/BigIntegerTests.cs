using System.Globalization;
using System.Numerics;
using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, class 9: a correct factorial(2000) (5,736 digits) was refused because of Python's 4,300-digit limit on
/// int/str conversion. Big integers are plain data in every test kind; a wrong one (off by one in the last digit)
/// is still a wrong answer; and a pathological one (ten million digits) costs the candidate its time, not the
/// supervisor's.
/// </summary>
public class BigIntegerTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private static readonly string Factorial2000 = Factorial(2000).ToString(CultureInfo.InvariantCulture);

    private const string Correct = "import math\ndef fact(n):\n    return math.factorial(n)\n";

    private const string OffByOne = "import math\ndef fact(n):\n    return math.factorial(n) + 1\n";

    private static BigInteger Factorial(int n)
    {
        var result = BigInteger.One;
        for (var i = 2; i <= n; i++)
        {
            result *= i;
        }

        return result;
    }

    [Theory, MemberData(nameof(Modes))]
    public Task Function_Factorial2000_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python(Correct, Function("fact", ("[2000]", Factorial2000))), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Function_Factorial2000OffByOneInTheLastDigit_IsWrong(SandboxMode mode) =>
        ExpectAsync(mode, Python(OffByOne, Function("fact", ("[2000]", Factorial2000))), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task Function_BigIntegerArgument_ReachesTheCandidate(SandboxMode mode) =>
        ExpectAsync(mode, Python("def digits(n):\n    return len(str(n))\n", Function("digits", ($"[{Factorial2000}]", "5736"))), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Assert_Factorial2000ComparedWithABigLiteral_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python(Correct, Checks("fact", $"def check(candidate):\n    assert candidate(2000) == {Factorial2000}\n")), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Assert_Factorial2000OffByOne_IsWrong(SandboxMode mode) =>
        ExpectAsync(mode, Python(OffByOne, Checks("fact", $"def check(candidate):\n    assert candidate(2000) == {Factorial2000}\n")), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task Assert_BigIntegerPassedToTheCandidate_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python("def half(n):\n    return n // 2\n", Checks("half", "import math\ndef check(candidate):\n    n = math.factorial(2000)\n    assert candidate(n) * 2 == n\n")), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Io_PrintingFactorial2000_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Python("import math\nprint(math.factorial(int(input())))\n", Io(("2000\n", Factorial2000 + "\n"))), CodeVerdictKind.Accepted);

    [Theory, MemberData(nameof(Modes))]
    public Task Candidate_BigIntegerLiteralInItsSource_Compiles(SandboxMode mode) =>
        ExpectAsync(mode, Python($"F = {Factorial2000}\ndef fact(n):\n    return F\n", Function("fact", ("[2000]", Factorial2000))), CodeVerdictKind.Accepted);

    /// <summary>Ten million digits, cheap to make (a shift) but quadratic to convert: the conversion runs in the candidate's process, under its time limit.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task Function_TenMillionDigitResult_IsATimeLimitNotAStall(SandboxMode mode) =>
        ExpectAsync(mode, Python("def huge():\n    return 1 << 33_300_000\n", Function("huge", ("[]", "1")), timeMs: 1000), CodeVerdictKind.TimeLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task Assert_TenMillionDigitResult_IsATimeLimitNotAStall(SandboxMode mode) =>
        ExpectAsync(mode, Python("def huge():\n    return 1 << 33_300_000\n", Checks("huge", "def check(candidate):\n    assert candidate() == 1\n"), timeMs: 1000), CodeVerdictKind.TimeLimit);
}
