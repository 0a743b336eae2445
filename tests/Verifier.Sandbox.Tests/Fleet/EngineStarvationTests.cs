using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Tests.Infrastructure;
using Xunit;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Fleet;

/// <summary>
/// A submission that could make its engine miss a health ping would buy itself a rerun elsewhere (a second roll of
/// whatever it does), or, with no engine left, a null in place of its 0. So everything a submission can do to the
/// machine from inside its container (fork, thread, memory and output bombs, a full disk, every core spinning) must
/// leave both engines answering: each attack gets its own 0 verdict, no submission runs twice, no engine leaves.
/// </summary>
[Collection(SandboxCollection.Name)] // one engine-heavy test at a time, as every Docker test (and engine metrics named alike do not mix)
public sealed class EngineStarvationTests
{
    private static readonly (string Name, string Code)[] Attacks =
    [
        ("fork bomb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"),
        ("thread bomb", "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()\n"),
        ("memory bomb", "x = []\nwhile True:\n    x.append(bytearray(10 ** 7))\n"),
        ("output flood", "import os\nwhile True:\n    os.write(1, b'A' * 65536)\n"),
        ("disk fill", "import os\nfor d in ('/tmp', '/dev/shm', os.getcwd()):\n    i = 0\n    try:\n        while True:\n            with open(f'{d}/fill{i}', 'wb') as f:\n                f.write(b'x' * (8 << 20))\n            i += 1\n    except OSError:\n        pass\nwhile True:\n    pass\n"),
        ("every core spinning", "import os\nfor _ in range(8):\n    if os.fork() == 0:\n        break\nwhile True:\n    pass\n"),
    ];

    [Fact]
    public async Task Submissions_that_hammer_the_machine_cannot_make_their_engine_miss_a_ping()
    {
        await DockerEnvironment.EnsureReadyAsync();
        await using var extra = await ExtraEngine.StartAsync(["verifier-sandbox-python:2"]);
        await using var host = await TwoEngineFleet.StartAsync(extra, capacity: 3, maxConcurrentRuns: 6);
        var fleet = host.Services.GetRequiredService<EngineFleet>();
        Assert.All(fleet.Cells, cell => Assert.True(cell.Up, cell.DownReason));

        // Two rounds of all six at once: every attack lands on both engines, and each engine carries three at a time.
        var rounds = Enumerable.Range(0, 2).SelectMany(round => Attacks.Select((attack, i) => (attack.Name, Request: Python(
            attack.Code, Io(("", "unreachable")), timeMs: 1_500, key: $"starve/{round}/{i}"))));
        var verdicts = await Task.WhenAll(rounds.Select(async a => (a.Name, Verdict: await host.Sandbox.VerifyAsync(a.Request))));

        Assert.All(verdicts, v =>
        {
            Assert.True(v.Verdict.Verdict is not (CodeVerdictKind.Accepted or CodeVerdictKind.InfraError), $"{v.Name}: {v.Verdict.Verdict}: {v.Verdict.Reason}");
            Assert.Equal(0.0, v.Verdict.Reward);
        });
        Assert.All(fleet.Cells, cell =>
        {
            Assert.True(cell.Up, $"{cell.Name}: {cell.DownReason}");
            Assert.Equal(0, cell.Reruns);
            Assert.Equal(0, cell.Failures);
        });
        Assert.True(fleet.Cells.All(cell => cell.Placements > 0), "placement left an engine out, so the test proved nothing about it");
    }
}
