using System.IO.Compression;
using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// LiveCodeBench's code generation rows: <c>public_test_cases</c> and <c>private_test_cases</c> are lists of
/// <c>{input, output, testtype}</c>, the private ones as JSON text or as base64 of zlib of a pickled JSON string (read by
/// <see cref="PickledString"/>, which accepts nothing but a string). <c>stdin</c> tests are stdin/stdout tests;
/// <c>functional</c> ones (LeetCode) call <c>Solution.func_name</c> (<c>func_name</c> from the <c>metadata</c> JSON),
/// as LiveCodeBench's own runner does, with each line of the input one argument's JSON and the output one JSON value.
/// A row mixing the two kinds is refused: one item runs one kind of test.
/// </summary>
internal sealed class LiveCodeBenchAdapter(string language) : IDatasetAdapter
{
    private const string Public = "public_test_cases";
    private const string Private = "private_test_cases";

    /// <summary>Bounds the inflated private tests: a small base64 field must not become gigabytes (a zip bomb).</summary>
    private const int MaxInflatedBytes = 256 * 1024 * 1024;

    private static readonly JsonDocumentOptions Nested = new() { MaxDepth = 64 };

    public string Name => "livecodebench";

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var cases = new List<(JsonElement Case, string Field)>();
        foreach (var field in new[] { Public, Private })
        {
            if (RowFields.Optional(row, field) is { } value)
            {
                var list = RowFields.Array(field == Private ? PrivateCases(value) : RowFields.ParseEmbedded(value, field), field);
                cases.AddRange(list.Select((c, i) => (c, $"{field}[{i}]")));
            }
        }

        if (cases.Count == 0)
        {
            throw new DatasetRowException($"{Public}, {Private}", "no tests");
        }

        var kinds = cases.Select(c => TestType(c.Case, c.Field)).Distinct(StringComparer.Ordinal).ToList();
        if (kinds.Count > 1)
        {
            throw new DatasetRowException(Public, "mixes stdin and functional tests");
        }

        CodeTests tests = kinds[0] == "stdin"
            ? CodeTests.Io([.. cases.Select(c => TestCase.Io(Text(c.Case, "input", c.Field), Text(c.Case, "output", c.Field)))])
            : CodeTests.Function($"Solution.{FunctionName(row)}", [.. cases.Select(c => TestCase.Call(Arguments(c.Case, c.Field), Expected(c.Case, c.Field)))]);
        return new CodeSpec { Language = language, Tests = tests };
    }

    private static string TestType(JsonElement testCase, string field) =>
        RowFields.OptionalText(testCase, "testtype") is { } kind && kind is "stdin" or "functional"
            ? kind
            : throw new DatasetRowException($"{field}.testtype", "expected \"stdin\" or \"functional\"");

    private static string Text(JsonElement testCase, string name, string field) =>
        RowFields.Required(testCase, name, $"{field}.{name}") is { ValueKind: JsonValueKind.String } text
            ? text.GetString()!
            : throw new DatasetRowException($"{field}.{name}", "expected a string");

    /// <summary>One JSON value per line, one line per argument; blank lines (a final newline) hold no value.</summary>
    private static JsonElement Arguments(JsonElement testCase, string field)
    {
        var lines = Text(testCase, "input", field).Split('\n').Where(line => !string.IsNullOrWhiteSpace(line));
        var args = lines.Select(line => Parse(line, $"{field}.input").GetRawText());
        return Parse($"[{string.Join(',', args)}]", $"{field}.input");
    }

    private static JsonElement Expected(JsonElement testCase, string field) => Parse(Text(testCase, "output", field), $"{field}.output");

    private static JsonElement Parse(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Nested);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DatasetRowException(field, $"not a JSON value: {e.Message}", e);
        }
    }

    private static string FunctionName(JsonElement row)
    {
        var metadata = RowFields.ParseEmbedded(RowFields.Optional(row, "metadata") ?? throw new DatasetRowException("metadata", "missing: functional tests need its func_name"), "metadata");
        return metadata.ValueKind == JsonValueKind.Object && RowFields.OptionalText(metadata, "func_name") is { } name
            ? name.Trim()
            : throw new DatasetRowException("metadata.func_name", "missing: functional tests call it");
    }

    /// <summary>JSON text as is, else base64 of zlib of a pickled string of JSON text.</summary>
    private static JsonElement PrivateCases(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString()!.TrimStart().StartsWith('['))
        {
            return RowFields.ParseEmbedded(value, Private);
        }

        string json;
        try
        {
            json = PickledString.Decode(Inflate(Convert.FromBase64String(value.GetString()!)));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new DatasetRowException(Private, $"neither JSON nor base64 of a zlib-compressed pickled string: {e.Message}", e);
        }

        return Parse(json, Private);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = zlib.Read(buffer)) > 0)
        {
            if (inflated.Length + read > MaxInflatedBytes)
            {
                throw new InvalidDataException($"the tests inflate past {MaxInflatedBytes / (1024 * 1024)} MiB");
            }

            inflated.Write(buffer, 0, read);
        }

        return inflated.ToArray();
    }
}
