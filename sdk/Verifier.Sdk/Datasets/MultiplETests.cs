using System.Text.RegularExpressions;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// MultiPL-E's layout turned into the service's assert tests, from the row alone. MultiPL-E's test code was written to
/// follow <c>prompt + completion</c>, where the completion is a function body cut at a stop token; the service instead
/// gets a whole program from the model and the tests separately. Only the tests' side lives here; a chat reply's own
/// driver (a second <c>main</c>) is the benchmark's business (tests/Verifier.Service.Benchmarks/MultiplE).
/// </summary>
public static partial class MultiplETests
{
    /// <summary>The dataset's file codes and the service's language names.</summary>
    public static IReadOnlyDictionary<string, string> Languages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cpp"] = "cpp",
        ["cs"] = "csharp",
        ["java"] = "java",
        ["js"] = "javascript",
        ["ts"] = "typescript",
        ["go"] = "go",
        ["rs"] = "rust",
        ["sh"] = "bash",
        ["rb"] = "ruby",
        ["php"] = "php",
        ["lua"] = "lua",
        ["pl"] = "perl",
    };

    private static readonly string[] CommentPrefixes = ["#", "//", "/*", "*", "--"];

    /// <summary>
    /// The name of the function the prompt leaves open: the last code line (not a comment) that defines a function with
    /// a keyword (<c>def</c>, <c>sub</c>, <c>fn</c>, <c>func</c>, <c>function</c>; Perl's prompts go on past the header
    /// with <c>my ($x) = @_;</c>), else the name called on the prompt's last code line (C++, Java, C#, Bash headers).
    /// </summary>
    public static string EntryPoint(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var code = prompt.Split('\n').Where(l => l.Trim() is { Length: > 0 } t && !CommentPrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal))).ToList();
        var match = code.AsEnumerable().Reverse().Select(l => DefinitionKeyword().Match(l)).FirstOrDefault(m => m.Success)
            ?? (code.Count > 0 ? CallLike().Match(code[^1]) : Match.Empty);
        return match.Success ? match.Groups["name"].Value : throw new FormatException($"no function header in the prompt: {prompt}");
    }

    /// <summary>The test code the service runs for <paramref name="language"/> (a service name), from the row's prompt and tests.</summary>
    public static string ForLanguage(string language, string prompt, string tests) => language switch
    {
        "cpp" => CppTests(prompt, tests),
        "csharp" => CSharpTests(prompt, tests),
        _ => WithoutLeadingBrace(tests),
    };

    /// <summary>
    /// For every language whose test code opens with a line that is only a closing brace (C++, Rust, Bash, Java, C#):
    /// that brace closes the prompt's open function, which a complete solution has already closed itself.
    /// </summary>
    private static string WithoutLeadingBrace(string tests)
    {
        var newline = tests.IndexOf('\n', StringComparison.Ordinal);
        return newline >= 0 && tests[..newline].Trim() == "}" ? tests[(newline + 1)..] : tests;
    }

    /// <summary>
    /// C++: the verifier compiles the test code as its own translation unit (so nothing the candidate defines changes
    /// how the tests compile), and that unit must declare what it calls: the tests get the prompt with its open
    /// function's <c>{</c> turned into <c>;</c> (its includes and the entry point's declaration, the contract the tests
    /// were written against), and lose their leading <c>}</c>.
    /// </summary>
    private static string CppTests(string prompt, string tests)
    {
        var header = prompt.TrimEnd();
        if (!header.EndsWith('{'))
        {
            throw new FormatException("a C++ prompt that does not end with its function's opening brace");
        }

        return $"{header[..^1].TrimEnd()};\n{WithoutLeadingBrace(tests)}";
    }

    /// <summary>
    /// C#: the verifier compiles the test code as a program of its own against the submission (a library), with the
    /// entry point's class imported so the tests call it by its bare name. MultiPL-E's test code is <c>}</c> (closing
    /// the function), the tests' <c>Main</c>, then the <c>}</c> closing the prompt's class: the tests get the prompt's
    /// <c>using</c> directives (they use <c>Debug</c>, <c>List</c>, ...) and a class of their own in place of the
    /// leading <c>}</c>, which their last <c>}</c> closes.
    /// </summary>
    private static string CSharpTests(string prompt, string tests)
    {
        var usings = prompt.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal));
        return $"{string.Join('\n', usings)}\nclass MultiplETests {{\n{WithoutLeadingBrace(tests)}";
    }

    [GeneratedRegex(@"\b(?:def|sub|fn|func|function)\s+(?<name>\w+)")]
    private static partial Regex DefinitionKeyword();

    [GeneratedRegex(@"(?<name>\w+)\s*\(")]
    private static partial Regex CallLike();
}
