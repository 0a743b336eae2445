using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Transport;

/// <summary>
/// Fast mode's channel to the supervisor bypasses the engine: once a container runs, its submissions cost no engine
/// call and no byte through dockerd. The attach channel (for a remote engine) still works.
/// </summary>
[Collection(SandboxCollection.Name)]
public class SupervisorChannelTests
{
    private static async Task<(SandboxHost Host, CountingEngine Engine)> StartAsync(Action<SandboxOptions> configure)
    {
        CountingEngine? engine = null;
        var host = await SandboxHost.StartAsync(
            o =>
            {
                o.WarmContainers = 0;
                configure(o);
            },
            addServices: services => services.AddSingleton<IContainerEngine>(sp =>
                engine = new CountingEngine(new DockerEngine(sp.GetRequiredService<IOptions<SandboxOptions>>().Value))));
        host.Services.GetRequiredService<IContainerEngine>();
        return (host, engine!);
    }

    [Fact]
    public async Task SocketChannel_FastModeSubmissionsInSteadyState_MakeNoEngineCall()
    {
        var (host, engine) = await StartAsync(o => o.Channel = SupervisorTransportKind.Socket);
        await using var _ = host;
        var request = Python("a, b = map(int, input().split())\nprint(a + b)\n", Io(("2 3", "5")), key: "tenant/steady");
        Assert.Equal(CodeVerdictKind.Accepted, (await host.Sandbox.VerifyAsync(request)).Verdict);
        var before = engine.Calls;

        for (var i = 0; i < 10; i++)
        {
            var verdict = await host.Sandbox.VerifyAsync(request);
            Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        }

        // The fleet's health monitor pings the engine on its own clock (every EngineHealthIntervalMs), not per submission.
        Assert.Equal(WithoutPings(before), WithoutPings(engine.Calls));
        Assert.DoesNotContain("Attach", before.Keys);
    }

    private static Dictionary<string, int> WithoutPings(IReadOnlyDictionary<string, int> calls) =>
        calls.Where(call => call.Key != "Ping").ToDictionary();

    [Fact]
    public async Task AttachChannel_RunsSubmissionsThroughTheEngine()
    {
        var (host, engine) = await StartAsync(o => o.Channel = SupervisorTransportKind.Attach);
        await using var _ = host;

        var verdict = await host.Sandbox.VerifyAsync(Python("print(6 * 7)\n", Prints("42"), key: "tenant/attach"));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.True(engine.Calls.GetValueOrDefault("Attach") >= 1);
    }

    [Fact]
    public async Task SocketDirectories_LeaveNothingOnTheHost_AndHoldNoSocketOnceConnected()
    {
        var parent = Directory.CreateTempSubdirectory("channel-test-").FullName;
        try
        {
            var (host, _) = await StartAsync(o =>
            {
                o.Channel = SupervisorTransportKind.Socket;
                o.ChannelDirectory = parent;
            });
            await using (host)
            {
                var verdict = await host.Sandbox.VerifyAsync(Python("print(1)\n", Prints("1"), key: "tenant/files"));
                Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");

                // One private folder for the pool, not enterable by other users; no socket left to connect to.
                var root = Assert.Single(Directory.GetDirectories(parent));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
                }

                Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
            }

            Assert.Empty(Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
