using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Isolation;

/// <summary>Requests are served by containers started ahead of them, and the pool refills behind them.</summary>
[Collection(SandboxCollection.Name)]
public class WarmPoolTests
{
    [Fact]
    public async Task FirstRequest_RunsInAContainerStartedBeforeIt_AndThePoolRefills()
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Mode = SandboxMode.Strict;
            o.WarmContainers = 2;
            o.Languages["cpp"] = new SandboxLanguageOptions { WarmContainers = 0 };
            o.Languages["csharp"] = new SandboxLanguageOptions { WarmContainers = 0 };
        });
        await StrictModeTests.WaitUntilAsync(async () => host.Pool.Counts().Warm == 2);
        var warm = await host.ContainersAsync();

        var verdict = await host.Sandbox.VerifyAsync(Python("import socket\nprint(socket.gethostname())\n", Prints("?")));

        var hostname = verdict.Tests[0].Output!.Trim();
        Assert.Contains(warm, id => id.StartsWith(hostname, StringComparison.Ordinal));
        await StrictModeTests.WaitUntilAsync(async () =>
            host.Pool.Counts().Warm == 2 && !(await host.ContainersAsync()).Any(id => id.StartsWith(hostname, StringComparison.Ordinal)));
    }
}
