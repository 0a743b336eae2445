using System.Diagnostics;
using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// A second (third, ...) Docker engine on this machine for the fleet tests: its own dockerd on its own socket, data
/// root and exec root under a short temporary folder, with the images it needs copied in from the main engine
/// (`docker save | docker load`; nothing is pulled). The daemon and every container it starts live in cgroups named
/// after the folder, so <see cref="KillAsync"/> can take the whole engine down at once, as a host that dies would:
/// daemon, containerd, shims and every sandboxed process, with no chance to clean up. Only processes in those cgroups
/// are ever signalled.
/// </summary>
internal sealed class ExtraEngine : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _marker;
    private bool _stopped;

    private ExtraEngine(string folder, string marker)
    {
        _folder = folder;
        _marker = marker;
    }

    public string Endpoint => $"unix://{_folder}/docker.sock";

    /// <summary>Starts the engine (extra dockerd arguments, e.g. a runtime to register) and loads <paramref name="images"/> into it.</summary>
    public static async Task<ExtraEngine> StartAsync(IReadOnlyList<string> images, params string[] dockerdArguments)
    {
        // Short: containerd's socket lives under the exec root, and a socket path must fit in 108 bytes.
        var marker = "vfe-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine("/tmp", marker);
        Directory.CreateDirectory(folder);
        var engine = new ExtraEngine(folder, marker);
        // The daemon's cgroups: pids, to find every process of the engine, and cpuacct (where there is one) to bill its CPU.
        var daemonGroups = DaemonHierarchies.Select(h => Path.Combine(h, marker + "-daemon")).ToList();
        daemonGroups.ForEach(g => Directory.CreateDirectory(g));
        string[] arguments =
        [
            "--host", engine.Endpoint, "--data-root", $"{folder}/data", "--exec-root", $"{folder}/exec", "--pidfile", $"{folder}/docker.pid",
            "--bridge=none", "--iptables=false", "--ip-masq=false", $"--cgroup-parent=/{marker}", .. dockerdArguments,
        ];
        // The shell moves itself into the daemon's cgroup before it becomes dockerd, so containerd and the shims are born there.
        var join = string.Join(" && ", daemonGroups.Select(g => $"echo $$ > {g}/cgroup.procs"));
        var start = new ProcessStartInfo("sh", ["-c", $"{join} && exec dockerd \"$@\" >{folder}/dockerd.log 2>&1", "sh", .. arguments]);
        using (Process.Start(start))
        {
        }

        try
        {
            await engine.WaitUntilAnswersAsync();
            foreach (var image in images)
            {
                await ShellAsync($"docker save {image} | docker -H {engine.Endpoint} load -q");
            }
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        return engine;
    }

    /// <summary>
    /// CPU time the whole engine has used, in ms: its daemons and shims, and every container (cgroup v1 cpuacct);
    /// null where this host has no cpuacct hierarchy.
    /// </summary>
    public double? CpuMs()
    {
        const string hierarchy = "/sys/fs/cgroup/cpuacct";
        if (!Directory.Exists(hierarchy))
        {
            return null;
        }

        double total = 0;
        foreach (var group in new[] { _marker, _marker + "-daemon" })
        {
            var usage = Path.Combine(hierarchy, group, "cpuacct.usage");
            total += File.Exists(usage) ? long.Parse(File.ReadAllText(usage).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1e6 : 0;
        }

        return total;
    }

    /// <summary>Containers on this engine that carry <paramref name="instanceName"/>'s label.</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync(string instanceName)
    {
        using var client = new DockerEngine(new SandboxOptions { DockerEndpoint = Endpoint });
        return await client.ListAsync(ContainerLabels.Instance, instanceName, CancellationToken.None);
    }

    /// <summary>
    /// The daemon stops answering (SIGSTOP), its containers running on: an engine that hangs. <see cref="ResumeDaemon"/>
    /// lets it go on.
    /// </summary>
    public void PauseDaemon() => SignalDaemon("STOP");

    public void ResumeDaemon() => SignalDaemon("CONT");

    private void SignalDaemon(string signal)
    {
        var pid = int.Parse(File.ReadAllText($"{_folder}/docker.pid").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The engine dies at once with everything it runs: every process in its cgroups gets SIGKILL.</summary>
    public async Task KillAsync()
    {
        _stopped = true;
        for (var round = 0; round < 50; round++)
        {
            var pids = ProcessesInOurGroups();
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                try
                {
                    Process.GetProcessById(pid).Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone already.
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"the processes of engine {_marker} did not all die");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped && File.Exists($"{_folder}/docker.pid") && int.TryParse(await File.ReadAllTextAsync($"{_folder}/docker.pid"), out var pid))
        {
            // A graceful stop first: dockerd stops its containers and its containerd.
            try
            {
                using var daemon = Process.GetProcessById(pid);
                await ShellAsync($"kill -TERM {pid}");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await daemon.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or OperationCanceledException)
            {
            }
        }

        await KillAsync();
        foreach (var mount in MountsUnder(_folder))
        {
            await ShellAsync($"umount -l '{mount}' || true");
        }

        foreach (var group in Directory.EnumerateDirectories("/sys/fs/cgroup").SelectMany(h => new[] { Path.Combine(h, _marker), Path.Combine(h, _marker + "-daemon") }).Concat(DaemonHierarchies.Select(h => Path.Combine(h, _marker + "-daemon"))))
        {
            RemoveCgroup(group);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something still mounted; /tmp is cleared with the machine.
        }
    }

    /// <summary>Where the daemon's own cgroups go: the v1 pids and cpuacct hierarchies where there are, else the unified cgroup2 tree.</summary>
    private static IReadOnlyList<string> DaemonHierarchies => Directory.Exists("/sys/fs/cgroup/pids")
        ? [.. new[] { "/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpuacct" }.Where(Directory.Exists)]
        : ["/sys/fs/cgroup"];

    private List<int> ProcessesInOurGroups()
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cgroup")).Contains("/" + _marker, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    private static IEnumerable<string> MountsUnder(string folder) =>
        File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(folder + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length);

    private static void RemoveCgroup(string group)
    {
        if (!Directory.Exists(group))
        {
            return;
        }

        foreach (var child in Directory.EnumerateDirectories(group))
        {
            RemoveCgroup(child);
        }

        try
        {
            Directory.Delete(group);
        }
        catch (IOException)
        {
            // Not empty yet (a process on its way out); the kernel keeps an empty cgroup harmlessly.
        }
    }

    private async Task WaitUntilAnswersAsync()
    {
        using var client = new DockerEngine(new SandboxOptions { DockerEndpoint = Endpoint });
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.PingAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await Task.Delay(250);
            }
        }

        var log = File.Exists($"{_folder}/dockerd.log") ? string.Join("\n", File.ReadLines($"{_folder}/dockerd.log").TakeLast(15)) : "(no log)";
        throw new InvalidOperationException($"the extra dockerd at {Endpoint} did not come up:\n{log}");
    }

    private static async Task ShellAsync(string command)
    {
        var (exit, _, errors) = await HostProcess.RunAsync("sh", "-c", command);
        if (exit != 0)
        {
            throw new InvalidOperationException($"`{command}` failed ({exit}): {errors}");
        }
    }
}
