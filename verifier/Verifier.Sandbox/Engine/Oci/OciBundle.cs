using System.Globalization;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;

namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// Turns the container <see cref="ContainerSpec"/> describes (Docker's create parameters) into an OCI runtime
/// configuration with the same containment, as dockerd would hand it to the runtime: the same namespaces, mounts,
/// masked and read-only /proc and /sys paths, cgroup limits, rlimits, user and no-new-privileges, plus
/// <see cref="OciSeccomp"/>. Only what the sandbox's spec uses is translated; a setting that would loosen the
/// containment and that this class does not know (privileged, a network, capabilities added, host devices) is
/// refused rather than dropped.
/// </summary>
internal static class OciBundle
{
    /// <summary>The annotation that records which runtime a container was created for, so a leftover is removed by the same one.</summary>
    public const string RuntimeAnnotation = "verifier.oci.runtime";

    private const long CpuPeriodUs = 100_000;

    private static readonly string[] MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>Character devices a program may open (null, zero, full, random, urandom, tty, console, ptmx, pts): all others refused.</summary>
    private static readonly (long Major, long? Minor)[] AllowedDevices = [(1, 3), (1, 5), (1, 7), (1, 8), (1, 9), (5, 0), (5, 1), (5, 2), (136, null)];

    /// <param name="imageEnv">The image's environment (<c>K=V</c>), which the container's own entries override, as Docker merges them.</param>
    public static JsonObject Config(CreateContainerParameters parameters, string id, string rootfs, string runtime, IReadOnlyList<string> imageEnv)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var host = parameters.HostConfig ?? throw new ArgumentException("the container has no host configuration", nameof(parameters));
        RefuseLooserThanTheSandbox(parameters, host);
        var annotations = new JsonObject { [RuntimeAnnotation] = runtime };
        foreach (var (key, value) in parameters.Labels ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }

        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = Process(parameters, host, imageEnv),
            ["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = host.ReadonlyRootfs },
            // As Docker names it: the short id, which is how a program can tell one container from another (and the tests do).
            ["hostname"] = ContainerIds.Short(id),
            ["mounts"] = Mounts(host),
            ["annotations"] = annotations,
            ["linux"] = new JsonObject
            {
                ["resources"] = Resources(host),
                ["cgroupsPath"] = $"/verifier-oci/{id}",
                ["namespaces"] = new JsonArray([.. new[] { "mount", "network", "uts", "pid", "ipc" }.Select(t => (JsonNode)new JsonObject { ["type"] = t })]),
                ["maskedPaths"] = Strings(MaskedPaths),
                ["readonlyPaths"] = Strings(ReadonlyPaths),
                ["seccomp"] = OciSeccomp.Profile(),
            },
        };
    }

    private static void RefuseLooserThanTheSandbox(CreateContainerParameters parameters, HostConfig host)
    {
        var problems = new List<string>();
        if (host.Privileged)
        {
            problems.Add("privileged");
        }

        if (host.NetworkMode is not "none" || parameters.NetworkDisabled != true)
        {
            problems.Add("a network");
        }

        if (host.CapAdd is { Count: > 0 } || host.CapDrop is not ["ALL"])
        {
            problems.Add("capabilities");
        }

        if (host.Devices is { Count: > 0 } || host.Binds is { Count: > 0 })
        {
            problems.Add("host devices or binds");
        }

        if (host.IpcMode is not "private" || parameters.Tty || parameters.OpenStdin)
        {
            problems.Add("a shared IPC namespace or a terminal/stdin (the OCI engine has only the socket channel)");
        }

        if (problems.Count > 0)
        {
            throw new NotSupportedException($"the OCI engine runs the sandbox's containment only; this container asks for {string.Join(", ", problems)}");
        }
    }

    private static JsonObject Process(CreateContainerParameters parameters, HostConfig host, IReadOnlyList<string> imageEnv)
    {
        var (uid, gid) = User(parameters.User);
        var rlimits = new JsonArray();
        foreach (var limit in host.Ulimits ?? [])
        {
            rlimits.Add(new JsonObject { ["type"] = "RLIMIT_" + limit.Name.ToUpperInvariant(), ["soft"] = limit.Soft, ["hard"] = limit.Hard });
        }

        return new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = uid, ["gid"] = gid, ["additionalGids"] = new JsonArray(gid) },
            ["args"] = Strings([.. parameters.Entrypoint ?? [], .. parameters.Cmd ?? []]),
            ["env"] = Strings(MergedEnvironment(imageEnv, parameters.Env ?? [])),
            ["cwd"] = string.IsNullOrEmpty(parameters.WorkingDir) ? "/" : parameters.WorkingDir,
            // No capability in any set: the same as CapDrop ALL.
            ["capabilities"] = new JsonObject(),
            ["noNewPrivileges"] = host.SecurityOpt?.Contains("no-new-privileges") == true
                ? true
                : throw new NotSupportedException("the OCI engine runs containers with no-new-privileges only"),
            ["rlimits"] = rlimits,
        };
    }

    private static IEnumerable<string> MergedEnvironment(IEnumerable<string> image, IEnumerable<string> container)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in image.Concat(container))
        {
            merged[entry.Split('=', 2)[0]] = entry;
        }

        return merged.Values;
    }

    /// <summary>A numeric <c>uid:gid</c>: without an engine there is no image user database to look a name up in.</summary>
    private static (long Uid, long Gid) User(string? user)
    {
        var parts = (user ?? "").Split(':');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            && uid > 0 && gid > 0)
        {
            return (uid, gid);
        }

        throw new NotSupportedException($"the OCI engine needs Sandbox:User as a numeric, non-root uid:gid, not '{user}'");
    }

    private static JsonArray Mounts(HostConfig host)
    {
        var mounts = new JsonArray
        {
            Mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
            Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"),
            Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
            Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", $"size={host.ShmSize.ToString(CultureInfo.InvariantCulture)}"),
        };
        foreach (var (target, options) in host.Tmpfs ?? new Dictionary<string, string>())
        {
            mounts.Add(Mount(target, "tmpfs", "tmpfs", ["rprivate", .. options.Split(',', StringSplitOptions.RemoveEmptyEntries)]));
        }

        foreach (var mount in host.Mounts ?? [])
        {
            if (mount.Type != "bind" || mount.ReadOnly != true || string.IsNullOrEmpty(mount.Source) || string.IsNullOrEmpty(mount.Target))
            {
                throw new NotSupportedException($"the OCI engine mounts read-only host folders only, not a {mount.Type} mount at {mount.Target}");
            }

            mounts.Add(Mount(mount.Target!, "bind", mount.Source!, "rbind", "ro", "nosuid", "nodev", "noexec", "rprivate"));
        }

        return mounts;
    }

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Strings(options),
    };

    private static JsonObject Resources(HostConfig host)
    {
        var devices = new JsonArray { new JsonObject { ["allow"] = false, ["access"] = "rwm" } };
        foreach (var (major, minor) in AllowedDevices)
        {
            var rule = new JsonObject { ["allow"] = true, ["type"] = "c", ["major"] = major, ["access"] = "rwm" };
            if (minor is { } m)
            {
                rule["minor"] = m;
            }

            devices.Add(rule);
        }

        var memory = new JsonObject { ["limit"] = host.Memory, ["swap"] = host.MemorySwap };
        if (host.MemorySwappiness is { } swappiness)
        {
            memory["swappiness"] = swappiness;
        }

        var resources = new JsonObject { ["devices"] = devices, ["memory"] = memory };
        if (host.PidsLimit is { } pids)
        {
            resources["pids"] = new JsonObject { ["limit"] = pids };
        }

        if (host.NanoCPUs > 0)
        {
            resources["cpu"] = new JsonObject { ["quota"] = host.NanoCPUs * CpuPeriodUs / 1_000_000_000, ["period"] = CpuPeriodUs };
        }

        return resources;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
