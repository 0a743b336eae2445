namespace Verifier.Sandbox.Engine;

internal static class ContainerIds
{
    /// <summary>The 12-character form Docker shows, which is also the container's hostname.</summary>
    public static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
