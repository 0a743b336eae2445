using System.Text.RegularExpressions;

namespace Verifier.Core.Code.Files;

/// <summary>
/// The per-language allow-lists for <see cref="CompileOptions"/>, shared by the service's validation (a 400 naming the
/// field and the value) and the sandbox's. C++ takes a standard, a level and defines; Rust an edition, Java a release
/// and Go a language version (each as its <c>standard</c>); every other language refuses them all, and so do
/// <c>assert</c> tests, whose builds run under fixed flags.
/// </summary>
public static partial class CompileOptionRules
{
    public const int MaxDefines = 32;

    /// <summary>g++ 12's standards (the <c>gnu</c> ones keep GNU extensions; <c>gnu++17</c> is the default).</summary>
    public static IReadOnlyList<string> CppStandards { get; } =
        ["c++11", "c++14", "c++17", "c++20", "c++23", "gnu++11", "gnu++14", "gnu++17", "gnu++20", "gnu++23"];

    public static IReadOnlyList<string> CppOptimizations { get; } = ["O0", "O1", "O2", "O3", "Os"];

    /// <summary>rustc 1.63's editions (2021 is the default).</summary>
    public static IReadOnlyList<string> RustEditions { get; } = ["2015", "2018", "2021"];

    /// <summary>The releases JDK 17's javac compiles for (<c>--release</c>; 17 is the default); the one JVM, 17, runs them all.</summary>
    public static IReadOnlyList<string> JavaReleases { get; } = ["8", "9", "10", "11", "12", "13", "14", "15", "16", "17"];

    /// <summary>The language versions Go 1.19's compiler holds code to (<c>-lang</c>; go1.19 is the default).</summary>
    public static IReadOnlyList<string> GoVersions { get; } = ["go1.13", "go1.14", "go1.15", "go1.16", "go1.17", "go1.18", "go1.19"];

    /// <summary>What each language takes: its standards, its optimisation levels, whether it takes defines.</summary>
    private static readonly Dictionary<string, (IReadOnlyList<string> Standards, IReadOnlyList<string> Optimizations, bool Defines)> Rules = new(StringComparer.Ordinal)
    {
        ["cpp"] = (CppStandards, CppOptimizations, true),
        ["rust"] = (RustEditions, [], false),
        ["java"] = (JavaReleases, [], false),
        ["go"] = (GoVersions, [], false),
    };

    /// <summary>The languages that take compile options.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["cpp", "rust", "java", "go"];

    /// <summary>
    /// Every problem with <paramref name="options"/> for <paramref name="language"/> (a registry name), each with its
    /// field relative to the options (<c>standard</c>, <c>defines[2]</c>; null for the options as a whole).
    /// </summary>
    public static IReadOnlyList<(string? Field, string Message)> Check(string language, CodeTestKind kind, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Rules.TryGetValue(language, out var rules))
        {
            return [(null, $"{language} takes no compile options; only {string.Join(", ", Languages)} do")];
        }

        if (kind == CodeTestKind.Assert)
        {
            // An assert build compiles the candidate and the tests under fixed flags that its proof relies on.
            return [(null, "assert tests take no compile options; io and function tests do")];
        }

        var problems = new List<(string?, string)>();
        if (options.Standard is { } standard && !rules.Standards.Contains(standard))
        {
            problems.Add(("standard", $"'{Shown(standard)}' is not allowed for {language}; one of {string.Join(", ", rules.Standards)}"));
        }

        if (options.Optimize is { } optimize && !rules.Optimizations.Contains(optimize))
        {
            problems.Add(("optimize", rules.Optimizations.Count == 0
                ? $"{language} takes no optimisation level"
                : $"'{Shown(optimize)}' is not allowed; one of {string.Join(", ", rules.Optimizations)}"));
        }

        var defines = options.Defines ?? [];
        if (defines.Count > 0 && !rules.Defines)
        {
            problems.Add(("defines", $"{language} takes no defines"));
            return problems;
        }

        if (defines.Count > MaxDefines)
        {
            problems.Add(("defines", $"at most {MaxDefines} defines"));
            return problems;
        }

        for (var i = 0; i < defines.Count; i++)
        {
            if (defines[i] is not { } define || !Define().IsMatch(define))
            {
                problems.Add(($"defines[{i}]", $"'{Shown(defines[i])}' is not a define: NAME or NAME=value, the name an identifier, the value letters, digits, '_' and '.' only (no spaces, '-' or quotes, so it cannot become a flag)"));
            }
        }

        return problems;
    }

    private static string Shown(string? value) => value is null ? "null" : Regex.Replace(value.Length > 60 ? value[..60] + "..." : value, @"\p{C}", "?");

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}(=[A-Za-z0-9_.]{1,64})?$")]
    private static partial Regex Define();
}
