using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Oci;

/// <summary>An oci:// engine is an engine of the fleet like any other: placed on, health-checked, and named in health.</summary>
[Collection(SandboxCollection.Name)]
public sealed class OciFleetTests
{
    [Fact]
    public async Task AFleetOfTheDockerEngineAndAnOciEngine_SpreadsItemsOverBoth_WithTheirVerdicts()
    {
        await OciEnvironment.EnsureReadyAsync();
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Engines =
            [
                new EngineOptions { Name = "docker", Endpoint = DockerEnvironment.Endpoint, Runtime = DockerEnvironment.Runtime ?? "auto", Capacity = 2, Languages = ["python"] },
                new EngineOptions { Name = "oci", Endpoint = OciEnvironment.Endpoint, Capacity = 2, Languages = ["python"] },
            ];
            o.MaxConcurrentRuns = 2;
            o.EngineHealthIntervalMs = 300;
        });
        var fleet = host.Services.GetRequiredService<EngineFleet>();

        // Each item its own isolation key, so placement spreads them rather than keeping a key on its home engine.
        var verdicts = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => host.Sandbox.VerifyAsync(
            Requests.Python(i % 3 == 0 ? "print(int(input()) - 1)" : "print(int(input()) + 1)", Requests.Io(($"{i}\n", $"{i + 1}\n")), key: $"item-{i}"))));

        for (var i = 0; i < verdicts.Length; i++)
        {
            Assert.Equal(i % 3 == 0 ? CodeVerdictKind.WrongAnswer : CodeVerdictKind.Accepted, verdicts[i].Verdict);
        }

        Assert.All(fleet.Cells, cell => Assert.True(cell.Placements > 0, $"{cell.Name} took no item"));
        var health = await host.Sandbox.CheckHealthAsync();
        Assert.True(health.Healthy, health.Reason);
        Assert.Equal(["docker", "oci"], health.Engines.Select(e => e.Name));
    }
}
