using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// APPS and TACO: <c>input_output</c> is JSON text <c>{"inputs": [...], "outputs": [...], "fn_name"?: "..."}</c>.
/// Without <c>fn_name</c> each pair is a stdin/stdout test; with it, a call of <c>fn_name</c> whose arguments are the
/// input list. APPS's own checker accepts a call's result when it equals the output or, if the output is a list, its
/// first element, and most function rows store the return value wrapped that way (<c>[[1, 2]]</c> for a function
/// returning <c>[1, 2]</c>). Our function tests take one expected value, so a one-element list output is unwrapped:
/// the expected return is its element. A rare row that stores a one-element list unwrapped then expects the bare
/// element, a 0 for a right answer rather than a pass for a wrong one. TACO's <c>time_limit</c>
/// (<c>"2 seconds"</c>) and <c>memory_limit</c> (<c>"256 megabytes"</c>) become limits when they say so in those
/// words; other text there is ignored, leaving the service's defaults.
/// </summary>
internal sealed partial class AppsAdapter(string name, string language) : IDatasetAdapter
{
    private const string Field = "input_output";

    public string Name => name;

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var spec = RowFields.ParseEmbedded(RowFields.Required(row, Field), Field);
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetRowException(Field, "expected an object with 'inputs' and 'outputs'");
        }

        var inputs = RowFields.Array(RowFields.Required(spec, "inputs", $"{Field}.inputs"), $"{Field}.inputs");
        var outputs = RowFields.Array(RowFields.Required(spec, "outputs", $"{Field}.outputs"), $"{Field}.outputs");
        if (inputs.Count != outputs.Count)
        {
            throw new DatasetRowException(Field, $"{inputs.Count} inputs but {outputs.Count} outputs");
        }

        if (inputs.Count == 0)
        {
            throw new DatasetRowException(Field, "no tests");
        }

        var function = RowFields.OptionalText(spec, "fn_name");
        var tests = function is null
            ? CodeTests.Io([.. inputs.Select((input, i) => TestCase.Io(
                RowFields.Text(input, $"{Field}.inputs[{i}]"), RowFields.Text(outputs[i], $"{Field}.outputs[{i}]")))])
            : CodeTests.Function(function.Trim(), [.. inputs.Select((input, i) => TestCase.Call(
                input.ValueKind == JsonValueKind.Array ? input.Clone() : throw new DatasetRowException($"{Field}.inputs[{i}]", "expected the list of arguments"),
                Unwrapped(outputs[i])))]);

        return new CodeSpec
        {
            Language = language,
            Tests = tests,
            Limits = DatasetLimits.From(Quantity(row, "time_limit", Seconds()), Quantity(row, "memory_limit", Megabytes())),
        };
    }

    /// <summary>Cloned, as are the arguments: the spec outlives the caller's document.</summary>
    private static JsonElement Unwrapped(JsonElement output) =>
        (output.ValueKind == JsonValueKind.Array && output.GetArrayLength() == 1 ? output[0] : output).Clone();

    /// <summary>A number in the field, or the number before the unit the pattern names; null for anything else.</summary>
    private static double? Quantity(JsonElement row, string field, Regex unit) => RowFields.Optional(row, field) switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        { ValueKind: JsonValueKind.String } text when unit.Match(text.GetString()!) is { Success: true } match =>
            double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture),
        _ => null,
    };

    [GeneratedRegex(@"^\s*(?<value>\d+(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Seconds();

    [GeneratedRegex(@"^\s*(?<value>\d+(?:\.\d+)?)\s*(?:mb|megabyte|megabytes)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Megabytes();
}
