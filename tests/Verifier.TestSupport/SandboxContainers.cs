using System.Diagnostics;

namespace Verifier.TestSupport;

/// <summary>Asks the real engine (through the docker CLI) which sandbox containers exist.</summary>
public static class SandboxContainers
{
    public const string InstanceLabel = "io.verifier.sandbox.instance";

    public static async Task<int> CountAsync(string instance)
    {
        var start = new ProcessStartInfo("docker", ["ps", "-aq", "--filter", $"label={InstanceLabel}={instance}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var docker = Process.Start(start)!;
        var output = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        if (docker.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker ps failed: {await docker.StandardError.ReadToEndAsync()}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the instance's containers to be gone; returns how many remain.</summary>
    public static async Task<int> WaitForNoneAsync(string instance, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int count;
        while ((count = await CountAsync(instance)) > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(200);
        }

        return count;
    }
}
