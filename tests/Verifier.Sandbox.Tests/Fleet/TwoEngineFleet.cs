using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Fleet;

/// <summary>A Python fleet of this machine's engine ("main") and an extra one ("extra"), pinged every 300 ms.</summary>
internal static class TwoEngineFleet
{
    public static Task<SandboxHost> StartAsync(ExtraEngine extra, int capacity, int maxConcurrentRuns) => SandboxHost.StartAsync(o =>
    {
        o.Engines =
        [
            new EngineOptions { Name = "main", Endpoint = DockerEnvironment.Endpoint, Runtime = DockerEnvironment.Runtime ?? "auto", Capacity = capacity, Languages = ["python"] },
            new EngineOptions { Name = "extra", Endpoint = extra.Endpoint, Capacity = capacity, Languages = ["python"] },
        ];
        o.MaxConcurrentRuns = maxConcurrentRuns;
        o.EngineHealthIntervalMs = 300;
    });
}
