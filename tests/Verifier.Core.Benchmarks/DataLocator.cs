namespace Verifier.Core.Benchmarks;

/// <summary>Finds the shared data folder: --data DIR, or ../shared/data next to the folder holding Verifier.sln.</summary>
internal static class DataLocator
{
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return Directory.Exists(explicitPath) ? explicitPath : null;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Verifier.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            return null;
        }

        var candidate = Path.Combine(directory.Parent.FullName, "shared", "data");
        return Directory.Exists(candidate) ? candidate : null;
    }
}
