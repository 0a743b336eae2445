using System.Text.Json;
using System.Text.RegularExpressions;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// MBPP and MBPP+: Python assert tests from <c>test_list</c> (asserts calling the function by name, after
/// <c>test_imports</c> and <c>test_setup_code</c>) or from MBPP+'s <c>test</c> script (preferred for <c>mbpp+</c>;
/// <c>test_list</c> for <c>mbpp</c>, each falling back on the other). Both call the function by its bare name, so they
/// run bound to the candidate (<see cref="PythonChecks.BindEntryPoint"/>); a script that defines its own
/// <c>check(candidate)</c> is used as it is. The entry point is <c>entry_point</c>, else the first function the asserts
/// call that the reference <c>code</c> defines, else the first non-builtin they call.
/// </summary>
internal sealed partial class MbppAdapter(string name, string language) : IDatasetAdapter
{
    /// <summary>Calls in an assert that are never the function under test.</summary>
    private static readonly HashSet<string> NotTheFunction = new(StringComparer.Ordinal)
    {
        "assert", "not", "and", "or", "in", "is", "lambda", "abs", "all", "any", "bool", "dict", "float", "frozenset",
        "int", "isinstance", "len", "list", "max", "min", "print", "range", "repr", "round", "set", "sorted", "str",
        "sum", "tuple", "type", "zip", "map", "filter", "enumerate", "reversed", "isclose", "math",
    };

    public string Name => name;

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var asserts = Asserts(row);
        var script = RowFields.OptionalText(row, "test");
        var useScript = script is not null && (name == "mbpp+" || asserts.Count == 0);
        if (!useScript && asserts.Count == 0)
        {
            throw new DatasetRowException("test_list", "no tests");
        }

        var entryPoint = RowFields.OptionalText(row, "entry_point")?.Trim()
            ?? EntryPoint(useScript ? [.. asserts, script!] : asserts, RowFields.OptionalText(row, "code"));
        entryPoint = PythonChecks.Identifier(entryPoint, "entry_point");

        var tests = string.Join('\n', [.. Imports(row), RowFields.OptionalText(row, "test_setup_code") ?? "", .. useScript ? [script!] : asserts]);
        var code = PythonChecks.DefinesCheck(tests) ? tests : PythonChecks.BindEntryPoint(tests, entryPoint);
        return new CodeSpec { Language = language, Tests = CodeTests.Assert(entryPoint, code) };
    }

    private static List<string> Asserts(JsonElement row) => RowFields.Optional(row, "test_list") is { } list
        ? [.. RowFields.Array(list, "test_list").Select((test, i) => test.ValueKind == JsonValueKind.String
            ? test.GetString()!
            : throw new DatasetRowException($"test_list[{i}]", "expected a string")).Where(t => !string.IsNullOrWhiteSpace(t))]
        : [];

    private static IEnumerable<string> Imports(JsonElement row) => RowFields.Optional(row, "test_imports") switch
    {
        null => [],
        { ValueKind: JsonValueKind.String } text => [text.GetString()!],
        var list => RowFields.Array(list.Value, "test_imports").Select((line, i) => line.ValueKind == JsonValueKind.String
            ? line.GetString()!
            : throw new DatasetRowException($"test_imports[{i}]", "expected a string")),
    };

    private static string EntryPoint(IReadOnlyList<string> tests, string? reference)
    {
        var called = tests.SelectMany(t => Call().Matches(t)).Select(m => m.Groups["name"].Value)
            .Where(n => !NotTheFunction.Contains(n)).ToList();
        var defined = reference is null ? [] : Definition().Matches(reference).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        return called.FirstOrDefault(defined.Contains) ?? called.FirstOrDefault()
            ?? throw new DatasetRowException("entry_point", "missing, and the tests call no function to take it from");
    }

    [GeneratedRegex(@"(?<![\w.])(?<name>[A-Za-z_]\w*)\s*\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"(?m)^def\s+(?<name>[A-Za-z_]\w*)\s*\(")]
    private static partial Regex Definition();
}
