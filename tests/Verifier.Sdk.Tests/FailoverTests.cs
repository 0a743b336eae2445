using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Sdk.Tests;

/// <summary>Two real replicas; one is stopped in the middle of a run.</summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task OneOfTwoReplicasStoppedMidRun_NoResultLostOrDuplicated()
    {
        using var survivor = ServiceHost.Start();
        var doomed = ServiceHost.Start(new Dictionary<string, string?> { ["Shutdown:DrainDeadline"] = "00:00:00" });
        var options = Items.Options(doomed.Address, survivor.Address);
        options.MaxBatchSize = 16;
        options.MaxConcurrentRequests = 4;
        await using var client = new VerifierClient(options);
        var items = Items.Math(3000).Concat(Enumerable.Range(0, 16).Select(i => Items.SlowPython(0.3, $"slow{i}"))).ToArray();

        var streaming = Task.Run(async () =>
        {
            var seen = new List<VerifyResult>();
            await foreach (var result in client.StreamAsync(items))
            {
                seen.Add(result);
            }

            return seen;
        });
        await Task.Delay(400);
        await doomed.DisposeAsync();
        var results = await streaming;

        Assert.Equal(items.Length, results.Count);
        Assert.Equal(Enumerable.Range(0, items.Length), results.Select(r => r.Index).Order());
        Assert.All(results, r => Assert.Equal(items[r.Index].Id, r.Id));
        Assert.All(results.Where(r => r.Index < 3000), r => Assert.Equal(Items.ExpectedReward(r.Index), r.Reward));
        Assert.All(results.Where(r => r.Index >= 3000), r => Assert.Equal(Verdicts.Accepted, r.Verdict));
    }

    [Fact]
    public async Task ReplicaTakenOut_IsBroughtBackWhenItRecovers()
    {
        using var host = ServiceHost.Start();
        var flaky = true;
        var faults = new FaultInjectingHandler((_, _) => Volatile.Read(ref flaky) ? Fault.Refuse : Fault.None);
        var options = Items.Options(host.Address);
        options.MaxRetryAttempts = 0;
        await using var client = new VerifierClient(new HttpClient(faults), options);

        var during = await client.VerifyManyAsync(Items.Math(2));
        Volatile.Write(ref flaky, false);
        // The probe (every 200 ms) finds it ready again; /health/ready checks the engine and every sandbox image, so
        // on a loaded machine one answer can take a while: wait for it rather than guess.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!faults.Log.Any(ReadyAnswered) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var after = await client.VerifyManyAsync(Items.Math(2));

        Assert.All(during, r => Assert.Null(r.Reward));
        Assert.All(after, r => Assert.NotNull(r.Reward));
        Assert.Contains(faults.Log, ReadyAnswered);
    }

    private static bool ReadyAnswered((string Path, string? IdempotencyKey, System.Net.HttpStatusCode? Status) entry) =>
        entry.Path == "/health/ready" && entry.Status == System.Net.HttpStatusCode.OK;
}
