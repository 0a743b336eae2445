using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Verifier.Sdk.Datasets;

/// <summary>Building the Python <c>check(candidate)</c> that the service's assert tests run.</summary>
internal static partial class PythonChecks
{
    public static bool DefinesCheck(string tests) => CheckDefinition().IsMatch(tests);

    /// <summary>
    /// A <c>check(candidate)</c> around test code that calls the function by its bare name (MBPP's asserts,
    /// MBPP+'s script): the code runs as it was written, in a namespace of its own where that name is the candidate and
    /// nothing else is. Passing the source as a string keeps it byte for byte (no re-indenting inside its multi-line
    /// strings), and leaves the candidate no other name to supply: a helper or builtin the tests use is theirs or
    /// Python's, never the candidate's.
    /// </summary>
    public static string BindEntryPoint(string tests, string entryPoint)
    {
        var name = Identifier(entryPoint, "entry_point");
        return $"def check(candidate):\n    exec(compile({Literal(tests)}, \"test.py\", \"exec\"), " +
               $"{{\"__name__\": \"__verifier_tests__\", \"__builtins__\": __builtins__, {Literal(name)}: candidate}})\n";
    }

    public static string Identifier(string name, string field) =>
        PythonIdentifier().IsMatch(name) ? name : throw new DatasetRowException(field, $"'{name}' is not a Python function name");

    /// <summary>A Python string literal holding <paramref name="text"/> exactly.</summary>
    internal static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 16).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                literal.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '\\' => literal.Append(@"\\"),
                '"' => literal.Append("\\\""),
                '\n' => literal.Append(@"\n"),
                '\r' => literal.Append(@"\r"),
                '\t' => literal.Append(@"\t"),
                // Other control characters, and lone surrogates, which UTF-8 source cannot carry.
                _ when char.IsControl(c) || char.IsSurrogate(c) => literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => literal.Append(c),
            };
        }

        return literal.Append('"').ToString();
    }

    [GeneratedRegex(@"(?m)^def\s+check\s*\(")]
    private static partial Regex CheckDefinition();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PythonIdentifier();
}
