using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Class 5 (time): a submission slow on every test but inside each test's limit is judged, never nulled; one that
/// spends its tests' budget is charged time_limit. The budget is what bounds an item, so callers derive their
/// deadlines from it instead of guessing.
/// </summary>
public sealed class ItemClockTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string SleepThenIncrement = "import time\ntime.sleep(0.8)\nprint(int(input()) + 1)\n";

    private static IoTests Increments(int count) => Io([.. Enumerable.Range(0, count).Select(i => ($"{i}\n", $"{i + 1}\n"))]);

    [Theory, MemberData(nameof(Modes))]
    public async Task SlowOnEveryTest_ButInsideEachLimit_IsAccepted(SandboxMode mode)
    {
        // 1 s of CPU allows 2.5 s of wall time per test; each test sleeps 0.8 s.
        var verdict = await ExpectAsync(mode, Python(SleepThenIncrement, Increments(5), timeMs: 1000), CodeVerdictKind.Accepted);
        Assert.Equal(5, verdict.TestsRun);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task SpendingTheTestsBudget_IsTheSubmissionsTimeLimit(SandboxMode mode)
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Mode = mode;
            o.ItemTimeBudgetMs = 2_000;
        });

        var verdict = await host.Sandbox.VerifyAsync(Python(SleepThenIncrement, Increments(8), timeMs: 1000, runAll: true));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("time budget", verdict.Reason, StringComparison.Ordinal);
        // Every test that ran passed; the budget stopped the rest.
        Assert.InRange(verdict.TestsPassed, 2, 4);
        Assert.Equal(verdict.TestsPassed + 1, verdict.TestsRun);
    }
}
