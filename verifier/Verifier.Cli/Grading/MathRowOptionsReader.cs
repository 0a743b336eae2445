using System.Text.Json;
using Verifier.Contracts;
using Verifier.Core.Math.Extraction;

namespace Verifier.Cli.Grading;

/// <summary>
/// Reads a <c>grade</c> row's optional math fields. Each mistake is a message naming the field (the reader adds the
/// line number); a row with none of them has no options, and grades as the command line says.
/// </summary>
internal static class MathRowOptionsReader
{
    public static bool TryRead(JsonElement row, out MathRowOptions? options, out string error)
    {
        options = null;
        error = "";
        string? extract = null;
        double? tolerance = null, absoluteTolerance = null;
        IReadOnlyList<ExtractionRule>? rules = null;
        bool? allowSetRelation = null, extractGold = null;
        var ok =
            TryString(row, MathRowFields.Extract, out extract, ref error) &&
            TryNumber(row, MathRowFields.Tolerance, out tolerance, ref error) &&
            TryNumber(row, MathRowFields.AbsoluteTolerance, out absoluteTolerance, ref error) &&
            TryRules(row, out rules, ref error) &&
            TryBool(row, MathRowFields.AllowSetRelationComparison, out allowSetRelation, ref error) &&
            TryBool(row, MathRowFields.ExtractGold, out extractGold, ref error);
        if (!ok)
        {
            return false;
        }

        if (!MathExtraction.IsKnown(extract))
        {
            error = $"'{MathRowFields.Extract}' must be '{MathExtraction.Completion}' or '{MathExtraction.Answer}'";
            return false;
        }

        // The API's bound: a relative tolerance of 1 or more would accept any number of the right sign.
        if (tolerance is { } relative && relative is not (>= 0 and < 1))
        {
            error = $"'{MathRowFields.Tolerance}' must be a relative tolerance, at least 0 and less than 1";
            return false;
        }

        if (absoluteTolerance is < 0)
        {
            error = $"'{MathRowFields.AbsoluteTolerance}' must be at least 0";
            return false;
        }

        if (extract is not null || tolerance is not null || absoluteTolerance is not null || rules is not null || allowSetRelation is not null || extractGold is not null)
        {
            options = new MathRowOptions
            {
                Extract = extract, Tolerance = tolerance, AbsoluteTolerance = absoluteTolerance, ExtractionRules = rules,
                AllowSetRelationComparison = allowSetRelation, ExtractGold = extractGold == true,
            };
        }

        return true;
    }

    private static bool TryString(JsonElement row, string name, out string? value, ref string error)
    {
        value = null;
        if (!Present(row, name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryNumber(JsonElement row, string name, out double? value, ref string error)
    {
        value = null;
        if (!Present(row, name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            error = $"'{name}' must be a number";
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryBool(JsonElement row, string name, out bool? value, ref string error)
    {
        value = null;
        if (!Present(row, name, out var element))
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"'{name}' must be true or false";
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    /// <summary>Rule names as camelCase enum names ("boxed", "lastMath"); numbers are refused, they say nothing to a reader.</summary>
    private static bool TryRules(JsonElement row, out IReadOnlyList<ExtractionRule>? rules, ref string error)
    {
        rules = null;
        const string name = MathRowFields.ExtractionRules;
        if (!Present(row, name, out var element))
        {
            return true;
        }

        var known = string.Join(", ", Enum.GetNames<ExtractionRule>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            error = $"'{name}' must be a non-empty array of rule names ({known})";
            return false;
        }

        var list = new List<ExtractionRule>();
        foreach (var item in element.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (item.ValueKind != JsonValueKind.String || text.Length == 0 || !char.IsAsciiLetter(text[0])
                || !Enum.TryParse<ExtractionRule>(text, ignoreCase: true, out var rule))
            {
                error = $"'{name}': unknown rule {text} (known: {known})";
                return false;
            }

            if (list.Contains(rule))
            {
                error = $"'{name}': {text} is listed twice";
                return false;
            }

            list.Add(rule);
        }

        rules = list;
        return true;
    }

    /// <summary>A field given as null is the same as a field left out.</summary>
    private static bool Present(JsonElement row, string name, out JsonElement element) =>
        row.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;
}
