using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>CodeContests' three test sets; the adapter runs the ones chosen, in this order.</summary>
[Flags]
public enum CodeContestsTestSets
{
    None = 0,
    Public = 1,
    Private = 2,
    Generated = 4,
    All = Public | Private | Generated,
}

/// <summary>
/// DeepMind's CodeContests: <c>public_tests</c>, <c>private_tests</c> and <c>generated_tests</c>, each
/// <c>{input: [...], output: [...]}</c>, become stdin/stdout tests in that order (the sets chosen, all by default);
/// <c>time_limit</c> (<c>{seconds, nanos}</c> or seconds) and <c>memory_limit_bytes</c> become limits, clamped to the
/// service's bounds. A row with more tests than <paramref name="maxTests"/> (the service's default
/// <c>Limits:MaxTestsPerItem</c>) is an error, not a silent cut: choose fewer sets.
/// </summary>
public sealed class CodeContestsAdapter(string language, CodeContestsTestSets sets = CodeContestsTestSets.All, int maxTests = 512) : IDatasetAdapter
{
    private static readonly (CodeContestsTestSets Set, string Field)[] SetFields =
    [
        (CodeContestsTestSets.Public, "public_tests"),
        (CodeContestsTestSets.Private, "private_tests"),
        (CodeContestsTestSets.Generated, "generated_tests"),
    ];

    public string Name => "codecontests";

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var cases = new List<TestCase>();
        foreach (var (set, field) in SetFields)
        {
            if (sets.HasFlag(set) && RowFields.Optional(row, field) is { } tests)
            {
                cases.AddRange(Cases(tests, field));
            }
        }

        if (cases.Count == 0)
        {
            throw new DatasetRowException(string.Join(", ", SetFields.Where(s => sets.HasFlag(s.Set)).Select(s => s.Field)), "no tests");
        }

        if (cases.Count > maxTests)
        {
            throw new DatasetRowException("generated_tests", $"{cases.Count} tests, more than {maxTests} per item; choose fewer test sets");
        }

        return new CodeSpec
        {
            Language = language,
            Tests = CodeTests.Io([.. cases]),
            Limits = DatasetLimits.From(Seconds(row), Megabytes(row)),
        };
    }

    private static IEnumerable<TestCase> Cases(JsonElement tests, string field)
    {
        if (tests.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetRowException(field, "expected {input: [...], output: [...]}");
        }

        var inputs = RowFields.Array(RowFields.Required(tests, "input", $"{field}.input"), $"{field}.input");
        var outputs = RowFields.Array(RowFields.Required(tests, "output", $"{field}.output"), $"{field}.output");
        if (inputs.Count != outputs.Count)
        {
            throw new DatasetRowException(field, $"{inputs.Count} inputs but {outputs.Count} outputs");
        }

        return inputs.Select((input, i) => TestCase.Io(RowFields.Text(input, $"{field}.input[{i}]"), RowFields.Text(outputs[i], $"{field}.output[{i}]")));
    }

    private static double? Seconds(JsonElement row) => RowFields.Optional(row, "time_limit") switch
    {
        { ValueKind: JsonValueKind.Number } seconds => seconds.GetDouble(),
        { ValueKind: JsonValueKind.Object } limit =>
            Number(limit, "seconds") + Number(limit, "nanos") / 1e9,
        null => null,
        _ => throw new DatasetRowException("time_limit", "expected {seconds, nanos} or a number of seconds"),
    };

    private static double Number(JsonElement limit, string field) => RowFields.Optional(limit, field) switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        null => 0,
        _ => throw new DatasetRowException($"time_limit.{field}", "expected a number"),
    };

    private static double? Megabytes(JsonElement row) => RowFields.Optional(row, "memory_limit_bytes") switch
    {
        { ValueKind: JsonValueKind.Number } bytes => bytes.GetDouble() / (1024 * 1024),
        null => null,
        _ => throw new DatasetRowException("memory_limit_bytes", "expected a number"),
    };
}
