namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>Finds the repository (the folder holding Verifier.sln) and the shared data beside it.</summary>
internal static class RepositoryPaths
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verifier.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary><c>&lt;repo&gt;/../shared</c>, or <c>VERIFIER_SHARED_DIR</c> when set (a worktree sits elsewhere).</summary>
    public static string? SharedFile(params string[] parts)
    {
        var shared = Environment.GetEnvironmentVariable("VERIFIER_SHARED_DIR");
        if (string.IsNullOrEmpty(shared) && Root() is { } root)
        {
            shared = Path.Combine(root, "..", "shared");
        }

        if (string.IsNullOrEmpty(shared))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine([shared, .. parts]));
        return File.Exists(path) ? path : null;
    }
}
