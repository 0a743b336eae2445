using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Tests.Configuration;
using Verifier.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Verifier.Sandbox.Tests.Fleet;

/// <summary>
/// A misconfigured engine list fails the boot naming the entry, or (an engine that is down, or lacks its runtime)
/// takes that engine out of rotation with the entry named; never a silent fallback to one engine.
/// </summary>
[Collection(SandboxCollection.Name)] // one engine-heavy test at a time, as every Docker test (and engine metrics named alike do not mix)
public sealed class EngineFleetConfigurationTests
{
    private static string BootErrors(Dictionary<string, string?> settings)
    {
        using var provider = SandboxOptionsTests.Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            provider.GetRequiredService<EngineFleet>();
        });
        return string.Join("\n", error.Failures);
    }

    [Fact]
    public void Duplicate_names_and_endpoints_fail_the_boot_naming_the_entries()
    {
        var errors = BootErrors(new()
        {
            ["Sandbox:Engines:0:Name"] = "a",
            ["Sandbox:Engines:0:Endpoint"] = "unix:///var/run/docker.sock",
            ["Sandbox:Engines:1:Name"] = "a",
            ["Sandbox:Engines:1:Endpoint"] = "unix:///var/run/docker.sock/",
        });

        Assert.Contains("Sandbox:Engines:1:Name 'a' names two engines", errors);
        Assert.Contains("Sandbox:Engines:1 ('a'):Endpoint 'unix:///var/run/docker.sock/' is another entry's engine too", errors);
    }

    [Fact]
    public void Bad_endpoint_certificate_path_runtime_name_and_capacity_fail_the_boot_naming_the_entry()
    {
        var errors = BootErrors(new()
        {
            ["Sandbox:Engines:0:Name"] = "local",
            ["Sandbox:Engines:0:Endpoint"] = "unix:///var/run/docker.sock",
            ["Sandbox:Engines:1:Name"] = "remote",
            ["Sandbox:Engines:1:Endpoint"] = "tcp://10.0.0.9:2376",
            ["Sandbox:Engines:1:TlsCertPath"] = "/nonexistent/certs",
            ["Sandbox:Engines:1:Runtime"] = "run sc",
            ["Sandbox:Engines:2:Name"] = "typo",
            ["Sandbox:Engines:2:Endpoint"] = "ftp://host",
            ["Sandbox:Engines:2:Capacity"] = "4096",
            ["Sandbox:Engines:3:Name"] = "",
            ["Sandbox:Engines:3:Endpoint"] = "unix:///run/other.sock",
        });

        Assert.Contains("Sandbox:Engines:1 ('remote'):TlsCertPath '/nonexistent/certs' has no ca.pem", errors);
        Assert.Contains("Sandbox:Engines:1 ('remote'):Runtime 'run sc' is not auto or the name of a runtime", errors);
        Assert.Contains("Sandbox:Engines:2 ('typo'):Endpoint 'ftp://host' is not a unix://, tcp:// or http(s):// address", errors);
        Assert.Contains("Sandbox:Engines:2 ('typo'):Capacity 4096 must lie in 0..1024", errors);
        Assert.Contains("Sandbox:Engines:3:Name '' must be", errors);
        Assert.DoesNotContain("('local')", errors);
    }

    [Fact]
    public void GVisor_is_refused_with_what_a_submission_could_do_there_unless_the_suites_are_being_run_on_it()
    {
        var errors = BootErrors(new()
        {
            ["Sandbox:Engines:0:Name"] = "a",
            ["Sandbox:Engines:0:Endpoint"] = "unix:///var/run/docker.sock",
            ["Sandbox:Engines:1:Name"] = "g",
            ["Sandbox:Engines:1:Endpoint"] = "unix:///run/gvisor.sock",
            ["Sandbox:Engines:1:Runtime"] = "runsc",
        });
        Assert.Contains("Sandbox:Engines:1 ('g'):Runtime 'runsc' is refused: under gVisor", errors);
        Assert.Contains("/proc/1/environ", errors);
        Assert.Contains("Sandbox:Runtime 'runsc' is refused", BootErrors(new() { ["Sandbox:Runtime"] = "runsc" }));

        using var allowed = SandboxOptionsTests.Build(new() { ["Sandbox:Runtime"] = "runsc", ["Sandbox:AllowRuntimesFailingContainment"] = "true" });
        allowed.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void A_language_no_engine_knows_fails_the_boot_naming_the_entry()
    {
        var errors = BootErrors(new()
        {
            ["Sandbox:Engines:0:Name"] = "a",
            ["Sandbox:Engines:0:Endpoint"] = "unix:///var/run/docker.sock",
            ["Sandbox:Engines:0:Languages:0"] = "python",
            ["Sandbox:Engines:0:Languages:1"] = "cobol",
        });

        Assert.Contains("Sandbox:Engines:0 ('a'):Languages names 'cobol', which is not an enabled language", errors);
    }

    [Fact]
    public async Task An_engine_down_at_boot_or_without_its_runtime_is_out_of_rotation_by_name_and_the_others_serve()
    {
        var missing = "/tmp/verifier-no-engine-" + Guid.NewGuid().ToString("N")[..8] + ".sock";
        await DockerEnvironment.EnsureReadyAsync();
        await using var bare = await ExtraEngine.StartAsync([]);
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Engines =
            [
                new EngineOptions { Name = "gone", Endpoint = "unix://" + missing, Capacity = 2 },
                new EngineOptions { Name = "no-runtime", Endpoint = bare.Endpoint, Runtime = "not-registered", Capacity = 2 },
                new EngineOptions { Name = "main", Endpoint = DockerEnvironment.Endpoint, Runtime = DockerEnvironment.Runtime ?? "auto", Capacity = 2, Languages = ["python"] },
            ];
            o.MaxConcurrentRuns = 2;
        });
        var fleet = host.Services.GetRequiredService<EngineFleet>();

        Assert.False(fleet.Cells[0].Up);
        Assert.Contains(missing, fleet.Cells[0].DownReason);
        Assert.False(fleet.Cells[1].Up);
        Assert.Contains("'not-registered'", fleet.Cells[1].DownReason);
        Assert.True(fleet.Cells[2].Up, fleet.Cells[2].DownReason);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Sandbox.VerifyAsync(
            Requests.Python("print(int(input()) + 1)", Requests.Io(($"{i}\n", $"{i + 1}\n"))))));
        Assert.All(verdicts, v => Assert.Equal(CodeVerdictKind.Accepted, v.Verdict));
        Assert.Equal(6, fleet.Cells[2].Placements);
        Assert.Equal(0, fleet.Cells[0].Placements + fleet.Cells[1].Placements);

        // C++ is only on the two engines that cannot run: unknown (null), never a verdict against the code.
        var cpp = await host.Sandbox.VerifyAsync(Requests.Cpp("int main() { return 0; }", Requests.Prints("")));
        Assert.Equal(CodeVerdictKind.InfraError, cpp.Verdict);
        Assert.Null(cpp.Reward);
        Assert.Contains("'gone'", cpp.Reason);
        Assert.Contains("'no-runtime'", cpp.Reason);

        var health = await host.Sandbox.CheckHealthAsync();
        Assert.True(health.Healthy);
        Assert.Contains("engine 'gone'", health.Reason);
        Assert.Contains("engine 'no-runtime'", health.Reason);
        Assert.Equal(["gone", "no-runtime", "main"], health.Engines.Select(e => e.Name));
    }
}
