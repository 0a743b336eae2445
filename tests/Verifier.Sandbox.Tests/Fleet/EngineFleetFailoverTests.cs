using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Verifier.Sandbox.Tests.Fleet;

/// <summary>
/// Three real engines (three dockerd on their own sockets and data roots, loopback only) behind one sandbox: the items
/// spread over all three, one engine dies with everything it runs in the middle of the batch, and every item still
/// gets its own verdict, none charged for the loss and none unknown, with nothing left on the survivors afterwards.
/// </summary>
[Collection(SandboxCollection.Name)] // one engine-heavy test at a time, as every Docker test (and engine metrics named alike do not mix)
public sealed class EngineFleetFailoverTests
{
    private const int Items = 300;

    // Doubles its input; the wrong one triples it. Which is which is fixed by the item's index, so every verdict is known.
    private const string Right = "n = int(input())\nprint(n * 2)\n";
    private const string Wrong = "n = int(input())\nprint(n * 3)\n";

    [Fact]
    public async Task An_engine_killed_mid_batch_loses_no_item_and_no_verdict()
    {
        await DockerEnvironment.EnsureReadyAsync();
        string[] images = ["verifier-sandbox-python:2"];
        var engines = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ExtraEngine.StartAsync(images)));
        try
        {
            await RunBatchAsync(engines);
        }
        finally
        {
            await Task.WhenAll(engines.Select(e => e.DisposeAsync().AsTask()));
        }
    }

    private static async Task RunBatchAsync(ExtraEngine[] engines)
    {
        var host = await SandboxHost.StartAsync(o =>
        {
            o.Engines = [.. engines.Select((e, i) => new EngineOptions { Name = $"e{i}", Endpoint = e.Endpoint, Capacity = 3, Languages = ["python"] })];
            o.EngineHealthIntervalMs = 500;
            o.MaxConcurrentRuns = 3;
            o.Runtime = "auto";
        });
        var fleet = host.Services.GetRequiredService<EngineFleet>();
        var victim = fleet.Cells[1];
        var completed = 0;
        using var inFlight = new SemaphoreSlim(12);
        var killed = new TaskCompletionSource();
        async Task<CodeVerdict> RunAsync(int i)
        {
            await inFlight.WaitAsync();
            try
            {
                var request = Requests.Python(i % 3 == 0 ? Wrong : Right, Requests.Io(($"{i + 1}\n", $"{2 * (i + 1)}\n")), key: $"fleet-test/{i % 6}");
                return await host.Sandbox.VerifyAsync(request);
            }
            finally
            {
                inFlight.Release();
                if (Interlocked.Increment(ref completed) == Items / 3)
                {
                    // Killed while the batch runs: a third is done, and the victim holds submissions of its own.
                    _ = Task.Run(async () =>
                    {
                        await engines[1].KillAsync();
                        killed.SetResult();
                    });
                }
            }
        }

        CodeVerdict[] verdicts;
        try
        {
            verdicts = await Task.WhenAll(Enumerable.Range(0, Items).Select(RunAsync));
            await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var unexpected = verdicts.Select((v, i) => (v, i))
                .Where(x => x.v.Verdict != (x.i % 3 == 0 ? CodeVerdictKind.WrongAnswer : CodeVerdictKind.Accepted))
                .Select(x => $"item {x.i}: {x.v.Verdict} ({x.v.Reason})").ToList();
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(10)));
            Assert.All(fleet.Cells, c => Assert.True(c.Placements > 0, $"engine {c.Name} got no submission"));
            Assert.False(victim.Up);
            Assert.True(victim.Reruns > 0, "nothing was running on the victim when it died, so nothing was run again");
            Assert.True(fleet.Cells[0].Up && fleet.Cells[2].Up);
            var health = await host.Sandbox.CheckHealthAsync();
            Assert.True(health.Healthy, health.Reason);
            Assert.Contains("engine 'e1'", health.Reason);
            Assert.Equal(3, health.Engines.Count);
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.Empty(await engines[0].ContainersAsync(host.InstanceName));
        Assert.Empty(await engines[2].ContainersAsync(host.InstanceName));
    }
}
