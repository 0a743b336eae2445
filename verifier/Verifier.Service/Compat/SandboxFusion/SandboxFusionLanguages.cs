namespace Verifier.Service.Compat.SandboxFusion;

/// <summary>SandboxFusion's language names for the languages this service runs.</summary>
internal static class SandboxFusionLanguages
{
    /// <summary>Its name to ours; our own names are accepted too (<c>javascript</c> for <c>nodejs</c>).</summary>
    private static readonly Dictionary<string, string> Ours = new(StringComparer.Ordinal)
    {
        ["python"] = "python",
        ["cpp"] = "cpp",
        ["csharp"] = "csharp",
        ["java"] = "java",
        ["go"] = "go",
        ["rust"] = "rust",
        ["nodejs"] = "javascript",
        ["javascript"] = "javascript",
        ["typescript"] = "typescript",
        ["bash"] = "bash",
        ["ruby"] = "ruby",
        ["php"] = "php",
        ["lua"] = "lua",
        ["perl"] = "perl",
    };

    /// <summary>
    /// Languages whose compilation SandboxFusion reports as a <c>compile_result</c>. Elsewhere it has no compile step
    /// (Python's syntax check, TypeScript run by tsx), so a failure there is the run's: <c>run_result</c>, exit code 1.
    /// </summary>
    private static readonly HashSet<string> Compiled = new(StringComparer.Ordinal) { "cpp", "csharp", "java", "go", "rust" };

    public static IEnumerable<string> Names => Ours.Keys;

    public static string? ToOurs(string? name) => name is not null && Ours.TryGetValue(name, out var ours) ? ours : null;

    public static bool ReportsCompilation(string ourName) => Compiled.Contains(ourName);
}
