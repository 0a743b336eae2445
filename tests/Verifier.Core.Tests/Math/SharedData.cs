namespace Verifier.Core.Tests.Math;

/// <summary>
/// Locates test data: the shared benchmark data at &lt;repo&gt;/../shared/data (found by walking up from the test
/// assembly to the folder holding Verifier.sln), and the sample shipped with this project.
/// </summary>
internal static class SharedData
{
    public static string? MathFolder()
    {
        // A worktree outside the usual layout can point at the data instead.
        if (Environment.GetEnvironmentVariable("VERIFIER_SHARED_DATA") is { Length: > 0 } configured)
        {
            var configuredFolder = Path.Combine(configured, "math");
            return Directory.Exists(configuredFolder) ? configuredFolder : null;
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

        var folder = Path.Combine(directory.Parent.FullName, "shared", "data", "math");
        return Directory.Exists(folder) ? folder : null;
    }

    public static string SkipMessage => "Shared data not found at <repo>/../shared/data/math (or $VERIFIER_SHARED_DATA/math); the shipped sample covers the same paths.";

    public static string Sample(string fileName) => Path.Combine(AppContext.BaseDirectory, "Math", "Data", fileName);
}
