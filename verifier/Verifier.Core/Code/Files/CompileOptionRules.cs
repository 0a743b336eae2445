using System.Text.RegularExpressions;

namespace Verifier.Core.Code.Files;

/// <summary>
/// The per-language allow-lists for <see cref="CompileOptions"/>, shared by the service's validation (a 400 naming the
/// field and the value) and the sandbox's. Only C++ takes options so far; any other language refuses them all.
/// </summary>
public static partial class CompileOptionRules
{
    public const int MaxDefines = 32;

    /// <summary>g++ 12's standards (the <c>gnu</c> ones keep GNU extensions; <c>gnu++17</c> is the default).</summary>
    public static IReadOnlyList<string> CppStandards { get; } =
        ["c++11", "c++14", "c++17", "c++20", "c++23", "gnu++11", "gnu++14", "gnu++17", "gnu++20", "gnu++23"];

    public static IReadOnlyList<string> CppOptimizations { get; } = ["O0", "O1", "O2", "O3", "Os"];

    /// <summary>The languages that take compile options.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["cpp"];

    /// <summary>
    /// Every problem with <paramref name="options"/> for <paramref name="language"/> (a registry name), each with its
    /// field relative to the options (<c>standard</c>, <c>defines[2]</c>; null for the options as a whole).
    /// </summary>
    public static IReadOnlyList<(string? Field, string Message)> Check(string language, CodeTestKind kind, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Languages.Contains(language))
        {
            return [(null, $"{language} takes no compile options; only {string.Join(", ", Languages)} does")];
        }

        if (kind == CodeTestKind.Assert)
        {
            // The assert build compiles the candidate and the tests apart under fixed flags that its proof relies on.
            return [(null, "C++ assert tests take no compile options; io and function tests do")];
        }

        var problems = new List<(string?, string)>();
        if (options.Standard is { } standard && !CppStandards.Contains(standard))
        {
            problems.Add(("standard", $"'{Shown(standard)}' is not allowed; one of {string.Join(", ", CppStandards)}"));
        }

        if (options.Optimize is { } optimize && !CppOptimizations.Contains(optimize))
        {
            problems.Add(("optimize", $"'{Shown(optimize)}' is not allowed; one of {string.Join(", ", CppOptimizations)}"));
        }

        var defines = options.Defines ?? [];
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
