namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// Removes what the runtime keeps of containers that have no bundle any more: a runtime record and the cgroups it
/// names. Only records in this engine's folder: another folder's containers share the cgroup parent, and one of
/// theirs may have a cgroup and no process for a moment while it starts. A live container always has its bundle (written before the runtime is started, deleted
/// only once the runtime has let the container go), so such a record is never in use; it is what a run killed midway
/// through its own deletion leaves, which was seen here about once in several hundred removals. Swept at every health
/// check and when the engine is disposed, so a leftover lives seconds, not until the next verifier.
/// </summary>
internal static class OciOrphans
{
    private const string CgroupParent = "verifier-oci";

    public static async Task SweepAsync(string root, Func<string, OciRuntimeCommand?> command, CancellationToken cancellationToken)
    {
        var state = Path.Combine(root, "state");
        if (!Directory.Exists(state))
        {
            return;
        }

        foreach (var runtimeFolder in Directory.EnumerateDirectories(state))
        {
            foreach (var record in Directory.EnumerateDirectories(runtimeFolder))
            {
                var id = Path.GetFileName(record);
                if (Directory.Exists(Path.Combine(root, "containers", id)))
                {
                    continue;
                }

                if (command(Path.GetFileName(runtimeFolder)) is { } runtime)
                {
                    try
                    {
                        await runtime.RunAsync(["delete", "--force", id], cancellationToken).ConfigureAwait(false);
                    }
                    catch (OciRuntimeException)
                    {
                        // A record the runtime cannot read (its copy of the configuration gone): removed by hand below.
                    }
                }

                if (Directory.Exists(record) && RemoveEmptyCgroups(id))
                {
                    Directory.Delete(record, recursive: true);
                }
            }
        }
    }

    /// <summary>Removes the container's cgroup in every hierarchy; false where one still holds a process (then nothing is forced).</summary>
    private static bool RemoveEmptyCgroups(string id)
    {
        var all = true;
        foreach (var folder in CgroupFolders(id))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                all = false;
            }
        }

        return all;
    }

    /// <summary>The container's cgroups under the sandbox's parent, in each v1 hierarchy and the unified one.</summary>
    private static IEnumerable<string> CgroupFolders(string id)
    {
        IEnumerable<string> Under(string parent) => Directory.Exists(parent) ? Directory.EnumerateDirectories(parent, id) : [];

        const string mount = "/sys/fs/cgroup";
        if (!Directory.Exists(mount))
        {
            return [];
        }

        return Under(Path.Combine(mount, CgroupParent))
            .Concat(Directory.EnumerateDirectories(mount).SelectMany(hierarchy => Under(Path.Combine(hierarchy, CgroupParent))))
            .ToList();
    }
}
