using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Engine.Oci;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Tests.Configuration;

namespace Verifier.Sandbox.Tests.Oci;

/// <summary>
/// The sandbox's container, as <see cref="ContainerSpec"/> builds it for Docker, translated into the runtime's own
/// configuration with the same containment; a container asking for less containment is refused, never translated.
/// </summary>
public sealed class OciBundleTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static Docker.DotNet.Models.CreateContainerParameters SandboxContainer(string? channelDirectory = "/tmp/vsb-test/channel")
    {
        using var provider = SandboxOptionsTests.Build([]);
        Assert.True(provider.GetRequiredService<LanguageRegistry>().TryGet("python", out var python));
        var options = new SandboxOptions { InstanceName = "bundle-test" };
        return ContainerSpec.Build(options, "crun", python, ContainerSpec.RunMemoryBytes(256), TimeProvider.System, channelDirectory);
    }

    private static JsonObject Config(Docker.DotNet.Models.CreateContainerParameters parameters) =>
        OciBundle.Config(parameters, Id, "/var/lib/verifier-oci/images/python/rootfs", "crun", ["PATH=/usr/bin:/bin", "IMAGE_ONLY=1"]);

    [Fact]
    public void TheSandboxContainer_KeepsEveryContainmentSetting()
    {
        var config = Config(SandboxContainer());
        var process = config["process"]!.AsObject();
        var linux = config["linux"]!.AsObject();
        var resources = linux["resources"]!.AsObject();

        Assert.True(config["root"]!["readonly"]!.GetValue<bool>());
        Assert.Equal(10001, process["user"]!["uid"]!.GetValue<long>());
        Assert.Equal(10001, process["user"]!["gid"]!.GetValue<long>());
        Assert.True(process["noNewPrivileges"]!.GetValue<bool>());
        Assert.Empty(process["capabilities"]!.AsObject());
        Assert.Equal(["python3", "-I", "-S", "-c"], process["args"]!.AsArray().Take(4).Select(a => a!.GetValue<string>()));
        Assert.Equal(["mount", "network", "uts", "pid", "ipc"], linux["namespaces"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()));
        Assert.Equal(ContainerSpec.RunMemoryBytes(256), resources["memory"]!["limit"]!.GetValue<long>());
        Assert.Equal(ContainerSpec.RunMemoryBytes(256), resources["memory"]!["swap"]!.GetValue<long>());
        Assert.Equal(128, resources["pids"]!["limit"]!.GetValue<long>());
        Assert.Equal(100_000, resources["cpu"]!["quota"]!.GetValue<long>());
        Assert.Equal(100_000, resources["cpu"]!["period"]!.GetValue<long>());
        // Devices: everything refused first, then the harmless character devices only.
        Assert.False(resources["devices"]![0]!["allow"]!.GetValue<bool>());
        Assert.DoesNotContain(resources["devices"]!.AsArray().Skip(1), d => d!["type"]!.GetValue<string>() != "c");
        Assert.Contains(linux["maskedPaths"]!.AsArray(), p => p!.GetValue<string>() == "/proc/kcore");
        Assert.Contains(linux["readonlyPaths"]!.AsArray(), p => p!.GetValue<string>() == "/proc/sys");
        Assert.Equal(ContainerIds.Short(Id), config["hostname"]!.GetValue<string>());
        Assert.Equal("bundle-test", config["annotations"]![ContainerLabels.Instance]!.GetValue<string>());
        Assert.Equal("crun", config["annotations"]![OciBundle.RuntimeAnnotation]!.GetValue<string>());
        Assert.Equal($"/verifier-oci/{Id}", linux["cgroupsPath"]!.GetValue<string>());

        var rlimits = process["rlimits"]!.AsArray().ToDictionary(r => r!["type"]!.GetValue<string>(), r => r!["hard"]!.GetValue<long>());
        Assert.Equal(256, rlimits["RLIMIT_NOFILE"]);
        Assert.Equal(0, rlimits["RLIMIT_CORE"]);
        Assert.Equal(128L * 1024 * 1024, rlimits["RLIMIT_FSIZE"]);
    }

    [Fact]
    public void Mounts_AreTheKernelFileSystems_ASizedTmp_AndOnlyTheChannelFromTheHost_ReadOnly()
    {
        var mounts = Config(SandboxContainer())["mounts"]!.AsArray().Select(m => m!.AsObject()).ToList();
        string[] Options(string destination) => [.. mounts.Single(m => m["destination"]!.GetValue<string>() == destination)["options"]!.AsArray().Select(o => o!.GetValue<string>())];

        Assert.Contains("size=128m", Options("/tmp"));
        Assert.Contains("nosuid", Options("/tmp"));
        Assert.Contains("ro", Options("/sys"));
        Assert.Contains("ro", Options("/sys/fs/cgroup"));
        Assert.Contains($"size={16 * 1024 * 1024}", Options("/dev/shm"));
        var fromHost = Assert.Single(mounts, m => m["type"]!.GetValue<string>() == "bind");
        Assert.Equal("/run/verifier-channel", fromHost["destination"]!.GetValue<string>());
        Assert.Equal("/tmp/vsb-test/channel", fromHost["source"]!.GetValue<string>());
        Assert.Contains("ro", Options("/run/verifier-channel"));
        Assert.Contains("noexec", Options("/run/verifier-channel"));
    }

    [Fact]
    public void TheEnvironment_IsTheImagesOverriddenByTheContainers()
    {
        var env = Config(SandboxContainer())["process"]!["env"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        Assert.Contains("IMAGE_ONLY=1", env);
        Assert.Single(env, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env);
        Assert.Contains(env, e => e.StartsWith("VERIFIER_CHANNEL=", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFilter_RefusesWhatReachesPastTheContainer_AndNamespacesThroughClone()
    {
        var seccomp = Config(SandboxContainer())["linux"]!["seccomp"]!.AsObject();
        var denied = seccomp["syscalls"]!.AsArray()
            .Where(r => r!["args"] is null && r["errnoRet"]!.GetValue<int>() == 1)
            .SelectMany(r => r!["names"]!.AsArray().Select(n => n!.GetValue<string>()))
            .ToHashSet();

        Assert.Equal("SCMP_ACT_ALLOW", seccomp["defaultAction"]!.GetValue<string>());
        foreach (var call in new[] { "mount", "unshare", "setns", "ptrace", "keyctl", "bpf", "userfaultfd", "io_uring_setup", "perf_event_open", "init_module", "kexec_load" })
        {
            Assert.Contains(call, denied);
        }

        var cloneRules = seccomp["syscalls"]!.AsArray().Where(r => r!["names"]![0]!.GetValue<string>() == "clone").ToList();
        Assert.Contains(cloneRules, r => r!["args"]![0]!["value"]!.GetValue<long>() == 0x10000000); // CLONE_NEWUSER
        Assert.Equal(38, seccomp["syscalls"]!.AsArray().Single(r => r!["names"]![0]!.GetValue<string>() == "clone3")!["errnoRet"]!.GetValue<int>());
    }

    public static TheoryData<string, Action<Docker.DotNet.Models.CreateContainerParameters>> Loosened => new()
    {
        { "privileged", p => p.HostConfig!.Privileged = true },
        { "a network", p => p.HostConfig!.NetworkMode = "host" },
        { "capabilities", p => p.HostConfig!.CapAdd = ["SYS_ADMIN"] },
        { "capabilities", p => p.HostConfig!.CapDrop = ["NET_RAW"] },
        { "host devices or binds", p => p.HostConfig!.Binds = ["/:/host"] },
        { "a terminal/stdin", p => p.OpenStdin = true },
        { "no-new-privileges only", p => p.HostConfig!.SecurityOpt = [] },
        { "numeric, non-root uid:gid", p => p.User = "0:0" },
        { "numeric, non-root uid:gid", p => p.User = "sandbox" },
        { "read-only host folders only", p => p.HostConfig!.Mounts![0].ReadOnly = false },
    };

    [Theory, MemberData(nameof(Loosened))]
    public void AContainerWithLessContainment_IsRefused_NamingWhat(string named, Action<Docker.DotNet.Models.CreateContainerParameters> loosen)
    {
        var parameters = SandboxContainer();
        loosen(parameters);

        var error = Assert.Throws<NotSupportedException>(() => Config(parameters));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
