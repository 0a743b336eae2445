using Verifier.Sandbox.Tests.Infrastructure;
using Verifier.Sandbox.Tests.Isolation;

namespace Verifier.Sandbox.Tests.Configuration;

/// <summary>The containment of a live sandbox container, read back from the engine.</summary>
[Collection(SandboxCollection.Name)]
public class ContainmentTests
{
    [Theory]
    [InlineData(SupervisorTransportKind.Socket)]
    [InlineData(SupervisorTransportKind.Attach)]
    public async Task EveryContainer_IsCreatedWithTheFullContainment(SupervisorTransportKind channel)
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.WarmContainers = 1;
            o.Channel = channel;
        });
        await StrictModeTests.WaitUntilAsync(async () => (await host.ContainersAsync()).Count >= 2);
        using var client = DockerEnvironment.Client();
        var runtime = (await host.Sandbox.CheckHealthAsync()).Runtime;
        Assert.NotNull(runtime);

        foreach (var id in await host.ContainersAsync())
        {
            var c = await client.Containers.InspectContainerAsync(id);
            var h = c.HostConfig!;
            var config = c.Config!;
            // The containment below holds under whichever runtime the sandbox resolved (VERIFIER_SANDBOX_RUNTIME picks it).
            Assert.Equal(runtime, h.Runtime);
            Assert.Equal("none", h.NetworkMode);
            Assert.True(config.NetworkDisabled);
            Assert.True(h.ReadonlyRootfs);
            Assert.False(h.Privileged);
            Assert.Equal(["ALL"], h.CapDrop);
            Assert.Null(h.CapAdd);
            Assert.Contains("no-new-privileges", h.SecurityOpt);
            Assert.Equal("10001:10001", config.User);
            Assert.Equal(128, h.PidsLimit);
            Assert.True(h.Memory > 0);
            Assert.Equal(h.Memory, h.MemorySwap);
            Assert.Equal(1_000_000_000, h.NanoCPUs);
            Assert.Contains("size=128m", h.Tmpfs!["/tmp"], StringComparison.Ordinal);
            Assert.Contains(h.Ulimits, u => u.Name == "nofile" && u.Hard == 256);
            Assert.Contains(h.Ulimits, u => u.Name == "fsize");
            Assert.True(h.Binds is null || h.Binds.Count == 0);
            Assert.Equal("private", h.IpcMode);
            if (channel == SupervisorTransportKind.Attach)
            {
                Assert.DoesNotContain(c.Mounts ?? [], m => m.Type is "bind" or "volume");
                Assert.True(config.OpenStdin);
            }
            else
            {
                // The one host path: the container's own channel directory, read-only, and no stdin through the engine.
                var mount = Assert.Single(c.Mounts ?? [], m => m.Type is "bind" or "volume");
                Assert.Equal("/run/verifier-channel", mount.Destination);
                Assert.False(mount.RW);
                Assert.False(config.OpenStdin);
                Assert.False(config.AttachStdout);
            }

            Assert.Equal("none", h.LogConfig!.Type);
            Assert.All(config.Env, e => Assert.Matches("^(PATH|LANG|VERIFIER_IDLE_EXIT_S|VERIFIER_CHANNEL)=", e));
            Assert.Equal(host.InstanceName, config.Labels["io.verifier.sandbox.instance"]);
        }
    }
}
