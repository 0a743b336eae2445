using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Verdicts;

[Collection(SandboxCollection.Name)]
public class InfraErrorTests
{
    [Fact]
    public async Task Verify_WhenEngineUnreachable_ReturnsInfraErrorWithNullReward()
    {
        await using var host = await SandboxHost.StartAsync(o => o.DockerEndpoint = "unix:///tmp/no-such-docker-engine.sock", requireDocker: false);

        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.False(string.IsNullOrEmpty(verdict.Reason));
    }

    [Fact]
    public async Task Verify_WhenImageMissing_ReturnsInfraErrorAndHealthSaysWhy()
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.WarmContainers = 0;
            o.Languages["python"] = new SandboxLanguageOptions { Image = "verifier-sandbox-missing:0" };
        });

        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));
        var health = await host.Sandbox.CheckHealthAsync();

        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.False(health.Healthy);
        Assert.True(health.EngineReachable);
        Assert.False(health.Images["verifier-sandbox-missing:0"]);
        Assert.Contains("verifier-sandbox-missing:0", health.Reason, StringComparison.Ordinal);
    }
}
