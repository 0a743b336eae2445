using System.Text.RegularExpressions;
using Verifier.Core.Code;
using Verifier.Sdk.Datasets;

namespace Verifier.Service.Benchmarks.MultiplE;

/// <summary>One MultiPL-E HumanEval row: the prompt, the test code, and a model's chat reply to the prompt.</summary>
internal sealed record MultiplEProblem(string Name, string FileLanguage, string Prompt, string Tests, string Solution);

/// <summary>
/// A problem as the service receives it: <paramref name="Completion"/> is the chat reply itself unless a rule had to
/// change the code in it (then the changed code, fenced); <paramref name="Rules"/> names the rules that changed it.
/// </summary>
internal sealed record AdaptedProblem(string Language, string EntryPoint, string Completion, string Tests, IReadOnlyList<string> Rules);

/// <summary>
/// Dataset preparation, not verification: MultiPL-E's test code was written to follow <c>prompt + completion</c>,
/// where the completion is a function body cut at a stop token. A chat reply is instead a whole program: it restates
/// the prompt, closes its function, and usually adds a driver of its own (a <c>main</c>, its own tests, a usage
/// example). The adapter joins the two the way the test code expects, changing as little as it can: the test code
/// where the change is the dataset's (its layout), the solution only where the solution's driver would collide with
/// the tests' (two <c>main</c>s, two test functions of one name). Every rule says why it exists.
/// </summary>
internal static partial class MultiplEAdapter
{
    /// <summary>The files' language codes and the service's language names (the SDK's, shared with its dataset adapter).</summary>
    public static IReadOnlyDictionary<string, string> Languages => MultiplETests.Languages;

    /// <summary>The fence tags each language answers to in the service (its <c>FenceTags</c>); the first one is used to fence changed code.</summary>
    private static readonly Dictionary<string, string[]> FenceTags = new(StringComparer.Ordinal)
    {
        ["cpp"] = ["cpp", "c++", "cxx", "cc"],
        ["csharp"] = ["csharp", "cs", "c#"],
        ["java"] = ["java"],
        ["javascript"] = ["javascript", "js", "node", "nodejs"],
        ["typescript"] = ["typescript", "ts"],
        ["go"] = ["go", "golang"],
        ["rust"] = ["rust", "rs"],
        ["bash"] = ["bash", "sh", "shell", "zsh"],
        ["ruby"] = ["ruby", "rb"],
        ["php"] = ["php"],
        ["lua"] = ["lua"],
        ["perl"] = ["perl", "pl"],
    };

    public static AdaptedProblem Adapt(MultiplEProblem problem)
    {
        var language = Languages[problem.FileLanguage];
        var entryPoint = MultiplETests.EntryPoint(problem.Prompt);
        var rules = new List<string>();
        var tags = FenceTags[language];

        // What the service would take: the last block fenced with one of the language's tags.
        var extracted = CodeExtractor.Extract(problem.Solution, tags).Code;
        var code = extracted;
        if (code is not null && !Defines(language, code, entryPoint)
            && FencedBlocks(problem.Solution, tags).LastOrDefault(b => Defines(language, b, entryPoint)) is { } solutionBlock)
        {
            // Rule "block": replies often end with a usage example in a block of its own (`result=$(f "3.5")`), after
            // the block that defines the function. The solution is the last block that defines the entry point.
            code = solutionBlock;
            rules.Add("block");
        }

        if (code is not null)
        {
            code = language switch
            {
                "cpp" => WithPreamble(code, problem.Prompt, "#include", rules),
                "csharp" => WithPreamble(code, problem.Prompt, "using ", rules),
                "java" => AdaptJava(WithPreamble(code, problem.Prompt, "import ", rules), entryPoint, rules),
                "rust" => AdaptRust(code, rules),
                "go" => AdaptGo(code, problem.Prompt, rules),
                _ => code,
            };
        }

        // The tests' side of the join is the SDK's (the cpp-declaration and cs-program rules and the leading brace).
        var tests = MultiplETests.ForLanguage(language, problem.Prompt, problem.Tests);

        var completion = code is null || code == extracted ? problem.Solution : $"```{tags[0]}\n{code}\n```\n";
        return new AdaptedProblem(language, entryPoint, completion, tests, rules);
    }

    /// <summary>
    /// Rule "preamble" (C++ includes, Java imports, C# usings; Go's imports are "go-imports"): MultiPL-E's program is the
    /// prompt followed by the completion, so the prompt's preamble is in scope of both the function and the tests. A
    /// reply restates the program but often keeps only the preamble lines its own code needs, or gives the function
    /// alone (<c>std::vector</c> with no include at all); the prompt's preamble lines that the reply lacks go before
    /// it. They only add declarations (headers with include guards, imports, usings), so a reply that has them is unchanged.
    /// </summary>
    private static string WithPreamble(string code, string prompt, string prefix, List<string> rules)
    {
        var present = code.Split('\n').Select(Squeezed).ToHashSet(StringComparer.Ordinal);
        var missing = prompt.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && !present.Contains(Squeezed(l))).ToList();
        if (missing.Count == 0)
        {
            return code;
        }

        rules.Add("preamble");
        return string.Join('\n', missing) + "\n" + code;
    }

    private static string Squeezed(string line) => string.Concat(line.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// Java: the test code is <c>}</c> (closing the function), then the tests' <c>main</c>, then the <c>}</c> that closes
    /// the prompt's class, so its <c>main</c> is a method of the class that declares the entry point and calls it by
    /// its bare name. Rule "java-main": the solution's own <c>main</c> (a demo, in 155 of 158 replies) is removed, as
    /// two <c>main(String[])</c> in one class do not compile. Rule "java-class": the brace that closes the class
    /// declaring the entry point is removed, so the tests' <c>main</c> lands inside it and the tests' last <c>}</c>
    /// closes it; any type declared after that class moves before it (top-level order does not matter in Java).
    /// </summary>
    private static string AdaptJava(string code, string entryPoint, List<string> rules)
    {
        if (CFamilySource.RemoveItem(code, JavaMain(), depth: 1) is { } withoutMain)
        {
            code = withoutMain;
            rules.Add("java-main");
        }

        var masked = CFamilySource.Mask(code);
        var definition = new Regex($@"\b{Regex.Escape(entryPoint)}\s*\([^;{{]*\{{");
        // A reply that renamed the function (two prompts' examples call it by another name) declares no entry point: its
        // last top-level type takes the tests all the same, so the compiler's complaint is the missing method's.
        var declared = definition.Matches(masked).FirstOrDefault(m => CFamilySource.DepthAt(masked, m.Index) == 1);
        var anchor = declared?.Index ?? masked.Length;
        var open = -1;
        var depth = 0;
        for (var i = 0; i < anchor; i++)
        {
            if (masked[i] == '{' && depth++ == 0)
            {
                open = i;
            }
            else if (masked[i] == '}')
            {
                depth--;
            }
        }

        var close = open < 0 ? -1 : CFamilySource.MatchingBrace(masked, open);
        if (close < 0)
        {
            return code; // No top-level type, or one left open (a truncated reply): nothing to join the tests to.
        }

        var classStart = TypeKeyword().Matches(masked[..open]) is { Count: > 0 } keywords ? code.LastIndexOf('\n', keywords[^1].Index) + 1 : 0;
        var after = code[(close + 1)..];
        rules.Add("java-class");
        return string.IsNullOrWhiteSpace(after)
            ? code[..close]
            : code[..classStart] + after.Trim('\n') + "\n\n" + code[classStart..close];
    }

    /// <summary>
    /// Rust: the tests bring <c>fn main</c>. Rule "rust-main": the solution's own top-level <c>fn main</c> (a demo, in
    /// 152 of 156 replies) is removed, as a crate cannot define <c>main</c> twice.
    /// </summary>
    private static string AdaptRust(string code, List<string> rules)
    {
        if (CFamilySource.RemoveItem(code, RustMain(), depth: 0) is { } withoutMain)
        {
            rules.Add("rust-main");
            return withoutMain;
        }

        return code;
    }

    /// <summary>
    /// Go: the test code is a <c>TestXxx</c> function in the solution's file, which the verifier builds with
    /// <c>go test</c>. Rule "go-own-tests": every reply defines test functions of its own (with its own expected
    /// values; a fifth of them under the very name of the problem's test, a redeclaration), and <c>go test</c> runs
    /// every <c>Test</c>, <c>Example</c> and <c>Fuzz</c> function in the package; they are renamed (with every
    /// reference to them) so that only the problem's tests decide. Rule "go-imports": the tests use the prompt's
    /// imports (<c>fmt</c>, <c>testing</c>), and Go refuses an unused import, so a reply whose own code does not use
    /// <c>fmt</c> drops it; the prompt's imports the reply lacks are added after its package clause.
    /// </summary>
    private static string AdaptGo(string code, string prompt, List<string> rules)
    {
        var masked = CFamilySource.Mask(code);
        var ownTests = GoTestFunction().Matches(masked).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
        if (ownTests.Count > 0)
        {
            var names = new Regex($@"\b(?:{string.Join('|', ownTests.Select(Regex.Escape))})\b");
            var renamed = new System.Text.StringBuilder(code);
            foreach (var match in names.Matches(masked).Reverse())
            {
                renamed.Insert(match.Index, "solution");
            }

            code = renamed.ToString();
            rules.Add("go-own-tests");
        }

        var imported = GoImports(code);
        var missing = GoImports(prompt).Where(p => !imported.Contains(p)).ToList();
        if (missing.Count > 0 && GoPackageClause().Match(code) is { Success: true } clause)
        {
            var at = clause.Index + clause.Length;
            code = code[..at] + string.Concat(missing.Select(p => $"\nimport \"{p}\"")) + code[at..];
            rules.Add("go-imports");
        }

        return code;
    }

    private static HashSet<string> GoImports(string code) =>
        [.. GoImportDeclaration().Matches(code).SelectMany(d => GoImportPath().Matches(d.Value)).Select(p => p.Groups["path"].Value)];

    /// <summary>Whether <paramref name="code"/> defines <paramref name="name"/> (the language's function definition syntax).</summary>
    private static bool Defines(string language, string code, string name)
    {
        var n = Regex.Escape(name);
        var pattern = language switch
        {
            "java" or "csharp" or "cpp" => $@"\b{n}\s*\([^;{{]*\{{",
            "rust" => $@"\bfn\s+{n}\b",
            "go" => $@"\bfunc\s+{n}\s*\(",
            "javascript" or "typescript" => $@"\bfunction\s+{n}\b|\b(?:const|let|var)\s+{n}\s*=",
            "php" => $@"\bfunction\s+{n}\s*\(",
            "ruby" => $@"\bdef\s+(?:self\.)?{n}\b",
            "lua" => $@"\bfunction\s+{n}\b|\b{n}\s*=\s*function\b",
            "perl" => $@"\bsub\s+{n}\b",
            "bash" => $@"(?m)^\s*(?:function\s+)?{n}\s*\(\s*\)|\bfunction\s+{n}\b",
            _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
        };
        return Regex.IsMatch(code, pattern);
    }

    /// <summary>The contents of the fenced blocks tagged with one of <paramref name="tags"/>, in order (as the service's extractor reads fences).</summary>
    private static IEnumerable<string> FencedBlocks(string text, string[] tags)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = FenceOpen().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var fence = open.Groups["fence"].Value;
            var content = new List<string>();
            for (i++; i < lines.Length && !(lines[i].Trim().StartsWith(fence, StringComparison.Ordinal) && lines[i].Trim().Trim(fence[0]).Length == 0); i++)
            {
                content.Add(lines[i].TrimEnd('\r'));
            }

            if (tags.Contains(open.Groups["tag"].Value, StringComparer.OrdinalIgnoreCase))
            {
                yield return string.Join('\n', content);
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})\s*(?<tag>[^\s`{]*)")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"(?m)^[ \t]*(?:(?:public|protected|private|final|synchronized|strictfp)\s+)*static\s+(?:(?:public|protected|private|final|synchronized)\s+)*void\s+main\s*\(")]
    private static partial Regex JavaMain();

    [GeneratedRegex(@"\b(?:class|interface|enum|record)\s+\w+")]
    private static partial Regex TypeKeyword();

    [GeneratedRegex(@"(?m)^[ \t]*(?:pub(?:\([^)]*\))?\s+)?fn\s+main\s*\(\s*\)")]
    private static partial Regex RustMain();

    /// <summary>The functions <c>go test</c> runs: Test, Example and Fuzz followed by nothing or by a non-lowercase character.</summary>
    [GeneratedRegex(@"(?m)^func\s+(?<name>(?:Test|Example|Fuzz)(?:[^a-z\s(]\w*)?)\s*\(")]
    private static partial Regex GoTestFunction();

    [GeneratedRegex(@"(?m)^\s*import\s*(?:\([^)]*\)|[^\n]*)")]
    private static partial Regex GoImportDeclaration();

    [GeneratedRegex(@"""(?<path>[^""]+)""")]
    private static partial Regex GoImportPath();

    [GeneratedRegex(@"(?m)^\s*package\s+\w+[^\n]*")]
    private static partial Regex GoPackageClause();
}
