using System.Globalization;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// CPU time spent on the work, wherever it runs: this process and the programs it waited for (bare mode), the Docker
/// engine's daemons and shims, and all containers (the docker cgroup). On a shared, noisy machine this cost per
/// submission is steadier than throughput: at saturation, throughput is about CPUs / cost.
/// </summary>
internal static class CpuMeter
{
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux

    public static (double Self, double Engine, double Containers) Parts()
    {
        double engine = 0;
        foreach (var pid in EnginePids())
        {
            engine += ProcessTicks(pid, children: false);
        }

        return (ProcessTicks("self", children: true) * 1000.0 / TicksPerSecond, engine * 1000.0 / TicksPerSecond, ContainersNs() / 1e6);
    }

    /// <summary>The <c>--breakdown</c> line: CPU per <paramref name="unit"/> between two <see cref="Parts"/> readings.</summary>
    public static string Breakdown((double Self, double Engine, double Containers) before, (double Self, double Engine, double Containers) after, int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"   CPU ms/{unit}: this process {(after.Self - before.Self) / count:0.0}, engine {(after.Engine - before.Engine) / count:0.0}, containers {(after.Containers - before.Containers) / count:0.0}");

    /// <summary>Waits until this process (children included) uses under 5 % of a CPU over a second, or the limit passes.</summary>
    public static async Task WaitUntilQuietAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        var before = ProcessTicks("self", children: true);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = ProcessTicks("self", children: true);
            if (now - before <= TicksPerSecond / 20)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>
    /// The CPU spent so far. <paramref name="wholeMachine"/>: every process's (the root cgroup's usage), for the oci
    /// modes, whose containers are this process's descendants (the runtime reaps them and this process reaps the
    /// runtime, so a container's CPU reaches this process's children only once it ends) and have their own cgroups:
    /// counted either way they would be counted twice or, for long-lived containers, late. Run those on a quiet machine.
    /// </summary>
    public static double NowMs(bool wholeMachine)
    {
        if (wholeMachine)
        {
            return CgroupNs("/sys/fs/cgroup/cpuacct/cpuacct.usage") / 1e6;
        }

        return NowMs();
    }

    public static double NowMs()
    {
        var ticks = ProcessTicks("self", children: true);
        foreach (var pid in EnginePids())
        {
            ticks += ProcessTicks(pid, children: false);
        }

        return (ticks * 1000.0 / TicksPerSecond) + (ContainersNs() / 1e6);
    }

    private static IEnumerable<string> EnginePids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            string comm;
            try
            {
                comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (comm is "dockerd" or "containerd" || comm.StartsWith("containerd-shim", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private static long ProcessTicks(string pid, bool children)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the command: state is [0]; utime, stime, cutime, cstime are [11]..[14].
            var total = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (children)
            {
                total += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }

            return total;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Docker's containers, and the oci engine's (their own cgroup parent).</summary>
    private static long ContainersNs() =>
        CgroupNs("/sys/fs/cgroup/cpuacct/docker/cpuacct.usage") + CgroupNs("/sys/fs/cgroup/cpuacct/verifier-oci/cpuacct.usage");

    private static long CgroupNs(string usageFile)
    {
        try
        {
            return long.Parse(File.ReadAllText(usageFile).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
