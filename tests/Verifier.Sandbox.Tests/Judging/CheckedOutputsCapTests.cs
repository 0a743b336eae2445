using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;
using static Verifier.Sandbox.Tests.Judging.CustomCheckerPrograms;

namespace Verifier.Sandbox.Tests.Judging;

/// <summary>
/// The outputs a custom checker will judge wait in the verifier's memory: an item may hold only
/// <c>Sandbox:CheckedOutputsMb</c> of them together, and the test that goes past it is the submission's output_limit.
/// </summary>
public sealed class CheckedOutputsCapTests
{
    [Fact]
    public async Task OutputsPastTheItemsCap_AreTheSubmissionsOutputLimit_AndThePassedOnesStillGoToTheChecker()
    {
        await using var host = await SandboxHost.StartAsync(o => o.CheckedOutputsMb = 1);
        // 600 KB per test after the pair: under the per-test output limit (1 MB), over the item's cap by the second test.
        const string candidate = "n = int(input())\nprint(1, n - 1)\nprint(' ' * 600_000)\n";

        var verdict = await host.Sandbox.VerifyAsync(Python(candidate, SumTo(10, 20, 30) with { Checker = Python(PythonChecker) }, runAll: true));

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
        Assert.Equal(CodeVerdictKind.Accepted, verdict.Tests[0].Verdict);
        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Tests[1].Verdict);
        Assert.Contains("1 MB", verdict.Tests[1].Reason, StringComparison.Ordinal);
    }
}
