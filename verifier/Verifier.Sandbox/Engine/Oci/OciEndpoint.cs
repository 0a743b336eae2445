namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// <c>oci:///var/lib/verifier-oci</c>: no engine at all, the sandbox drives the host's OCI runtime (crun or runc)
/// itself, from the folder the path names. Under it: <c>images/</c> (each image's root filesystem, unpacked by
/// <c>docker/export-oci-images.sh</c>), <c>containers/</c> (one bundle per container) and <c>state/</c> (the
/// runtime's own records, one folder per runtime).
/// </summary>
internal static class OciEndpoint
{
    public const string Scheme = "oci";

    public static bool Is(string endpoint) =>
        endpoint.StartsWith(Scheme + "://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder an <c>oci://</c> endpoint names; null where it names none (a host, a relative path).</summary>
    public static string? Folder(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !Is(endpoint) || !string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        return path.Length > 1 && path.StartsWith('/') ? path.TrimEnd('/') : null;
    }

    /// <summary>The folder an image's root filesystem is unpacked into: the name with '/' and ':' escaped, as the export script does.</summary>
    public static string ImageFolderName(string image) => image.Replace("%", "%25", StringComparison.Ordinal)
        .Replace("/", "%2F", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
