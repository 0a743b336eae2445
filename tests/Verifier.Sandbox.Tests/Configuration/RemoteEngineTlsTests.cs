using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Configuration;

/// <summary>The remote-engine option: the sandbox reaching its engine over mutual TLS (Sandbox:TlsCertPath).</summary>
public sealed class RemoteEngineTlsTests
{
    [Fact]
    public async Task Sandbox_ReachesAnEngineOverMutualTls_AndJudgesCode()
    {
        await using var engine = await TlsEngineProxy.StartAsync();
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.DockerEndpoint = engine.Endpoint;
            o.TlsCertPath = engine.Folder;
        });

        var health = await host.Sandbox.CheckHealthAsync();
        var verdict = await host.Sandbox.VerifyAsync(Requests.Python("print(int(input()) * 2)", Requests.Io(("21\n", "42\n"))));

        Assert.True(health.Healthy, health.Reason);
        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Sandbox_WithoutTheClientCertificate_IsRefusedByTheEngine()
    {
        await using var engine = await TlsEngineProxy.StartAsync();
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.DockerEndpoint = engine.Endpoint.Replace("tcp://", "https://", StringComparison.Ordinal);
            o.WarmContainers = 0;
        });

        var health = await host.Sandbox.CheckHealthAsync();

        Assert.False(health.Healthy);
        Assert.False(health.EngineReachable);
    }
}
