using Verifier.Sandbox.Engine.Oci;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// The oci:// engine's folder for the tests (VERIFIER_OCI_FOLDER, default /var/lib/verifier-oci): the test images are
/// unpacked into it from the Docker engine by the project's own script the first time a test needs it (the script
/// leaves an image unpacked at the same id alone). The tests need root and crun, as the engine does; without them
/// they fail saying so.
/// </summary>
internal static class OciEnvironment
{
    public static readonly string Folder = Environment.GetEnvironmentVariable("VERIFIER_OCI_FOLDER") is { Length: > 0 } folder ? folder : "/var/lib/verifier-oci";

    public static string Endpoint => "oci://" + Folder;

    private static readonly Lazy<Task> Ready = new(PrepareAsync);

    public static Task EnsureReadyAsync() => Ready.Value;

    /// <summary>The runtime's record of the container, or null where it has none (<c>crun state</c>).</summary>
    public static async Task<string?> StateAsync(string id)
    {
        try
        {
            return await new OciRuntimeCommand("/usr/bin/crun", Path.Combine(Folder, "state", "crun")).RunAsync(["state", id], CancellationToken.None);
        }
        catch (OciRuntimeException)
        {
            return null;
        }
    }

    public static string Bundle(string id) => Path.Combine(Folder, "containers", id);

    /// <summary>Any cgroup the container had left behind (the memory controller's folder).</summary>
    public static bool CgroupExists(string id) => Directory.Exists($"/sys/fs/cgroup/memory/verifier-oci/{id}");

    /// <summary>
    /// Containers the runtime still records, or whose cgroup is still there, with no bundle: nothing would ever
    /// remove them (a live container always has its bundle until it is gone).
    /// </summary>
    public static IReadOnlyList<string> Orphans()
    {
        IEnumerable<string> Ids(string folder) => Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(d => Path.GetFileName(d)) : [];
        return [.. Ids(Path.Combine(Folder, "state", "crun")).Concat(Ids(Path.Combine(Folder, "state", "runc"))).Concat(Ids("/sys/fs/cgroup/memory/verifier-oci"))
            .Where(id => id.Length == 64 && !Directory.Exists(Bundle(id))).Distinct()];
    }

    private static async Task PrepareAsync()
    {
        await DockerEnvironment.EnsureReadyAsync();
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("The oci:// engine tests need root, as the engine does (it starts containers itself).");
        }

        if (!File.Exists("/usr/bin/crun"))
        {
            throw new InvalidOperationException("The oci:// engine tests need crun: apt-get install -y crun (scripts/install-prereqs.sh does).");
        }

        var script = Path.Combine(RepositoryPaths.Root() ?? throw new InvalidOperationException("the repository (Verifier.sln) was not found"), "docker", "export-oci-images.sh");
        var (exit, output, errors) = await HostProcess.RunAsync(script, [Folder, .. DockerEnvironment.Images]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{script} failed ({exit}): {output} {errors}");
        }
    }
}
