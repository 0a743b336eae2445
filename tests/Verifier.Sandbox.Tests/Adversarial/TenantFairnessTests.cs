using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Class 6 across tenants: one tenant's queue of slow programs (in several requests, so no per-request gate holds
/// them back) must not hold another tenant's item until its deadline. Freed run slots go round-robin by tenant.
/// </summary>
public sealed class TenantFairnessTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    [Theory, MemberData(nameof(Modes))]
    public async Task SlowQueueOfOneTenant_DoesNotHoldAnotherTenantsItemBehindAllOfIt(SandboxMode mode)
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Mode = mode;
            o.MaxConcurrentRuns = 2;
        });
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        const string slow = "import time\ntime.sleep(1.5)\nprint(int(input()) + 1)\n";
        var flood = Enumerable.Range(0, 6).Select(async i =>
        {
            var verdict = await host.Sandbox.VerifyAsync(Python(slow, Io(("1\n", "2\n")), timeMs: 2_000, key: $"tenant-a/request-{i}"));
            order.Enqueue("a");
            return verdict;
        }).ToList();
        await Task.Delay(500); // both run slots are tenant A's, four of its items wait

        var honest = await host.Sandbox.VerifyAsync(Python("print(int(input()) + 1)\n", Io(("1\n", "2\n")), key: "tenant-b/request-0"));
        order.Enqueue("b");
        await Task.WhenAll(flood);

        Assert.Equal(CodeVerdictKind.Accepted, honest.Verdict);
        Assert.All(flood, v => Assert.Equal(CodeVerdictKind.Accepted, v.Result.Verdict));
        // First come, first served would finish all six of A's items, or at least four, before B's; in turn, B takes
        // the second slot freed after it arrived.
        var aheadOfB = order.TakeWhile(o => o == "a").Count();
        Assert.True(aheadOfB <= 3, $"{aheadOfB} of tenant A's items finished before tenant B's one item");
    }
}
