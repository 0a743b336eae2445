using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// numpy, which HumanEval+'s and MBPP+'s checks import, is the container's: the supervisor imports it once, before
/// the watch of the first test that names it, and every judge forks with it. Imported by each judge instead, it cost
/// ~150 ms of CPU under the candidate's CPU limit (and ~15 MB of anonymous memory under its memory limit), so a
/// right answer near the limit got a 0; and what one item's test does to numpy must not reach a batch-mate's judge.
/// </summary>
public class JudgeNumpyTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string RightMean = "def mean(xs):\n    return sum(xs) / len(xs)\n";
    private const string WrongMean = "def mean(xs):\n    return max(xs)\n";

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RightAnswer_UnderACpuLimitBelowNumpysImport_IsAccepted(SandboxMode mode)
    {
        // 100 ms of CPU (the watch allows 20 more) is ample for the candidate's server, and less than numpy's import
        // alone, which is never the candidate's: the supervisor's, or the judge's before its first call (not counted).
        await ExpectAsync(mode, Python(RightMean, Checks("mean", EvalPlusChecks.Mean), timeMs: 100), CodeVerdictKind.Accepted);
        await ExpectAsync(mode, Python(WrongMean, Checks("mean", EvalPlusChecks.Mean), timeMs: 100), CodeVerdictKind.WrongAnswer);
    }

    /// <summary>
    /// A test that disarms numpy's comparison (evalplus's <c>assertion</c> then passes any float) runs in its own
    /// judge's fork; the next items in the same containers get the supervisor's numpy, untouched, and their 0.
    /// </summary>
    [Fact]
    public async Task TestThatDisarmsNumpysComparison_DoesNotReachTheNextItemsJudge()
    {
        const string disarming =
            "import numpy as np\n" +
            "np.testing.assert_allclose = lambda *a, **k: None\n" +
            "np.set_printoptions(threshold=1)\n" +
            "np.random.seed(0)\n\n" +
            "def check(candidate):\n" +
            "    assert candidate([1.0, 3.0]) == 2.0\n";
        for (var round = 0; round < 4; round++)
        {
            await ExpectAsync(SandboxMode.Fast, Python(RightMean, Checks("mean", disarming)), CodeVerdictKind.Accepted);
            await ExpectAsync(SandboxMode.Fast, Python(WrongMean, Checks("mean", EvalPlusChecks.Mean)), CodeVerdictKind.WrongAnswer);
        }
    }
}
