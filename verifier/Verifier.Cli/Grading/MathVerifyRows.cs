using System.Text.Json;
using Verifier.Core.Math.Extraction;

namespace Verifier.Cli.Grading;

/// <summary>
/// <c>grade --dataset mathverify</c>: rows of Math-Verify's test cases (<c>{"gold", "pred", "options": {"match_types",
/// "precision"?, "allow_set_relation_comp"?}}</c>) become <c>grade</c> rows with the options each case was run under,
/// mapped as the benchmark harness maps them (tests/Verifier.Core.Benchmarks/README.md): both sides extracted, the
/// three standard rules then <c>lastMath</c> for <c>latex</c> and <c>lastNumber</c> for <c>expr</c>, <c>precision: p</c>
/// as an absolute tolerance of 10^-p, set relations only when the case allows them (Math-Verify's default is not to).
/// Other fields (<c>expected</c>, <c>category</c>, <c>strict</c>, ...) are ignored; we are always strict.
/// </summary>
internal static class MathVerifyRows
{
    public const string Dataset = "mathverify";

    public static bool TryParse(string text, long line, out GradeRow row, out string error) =>
        JsonlReader.TryParseObject(text, (JsonElement root, out GradeRow parsed, out string problem) =>
        {
            parsed = null!;
            if (!JsonlReader.TryGetText(root, "gold", out var gold, out problem) || !JsonlReader.TryGetText(root, "pred", out var predicted, out problem)
                || !TryOptions(root, out var options, out problem))
            {
                return false;
            }

            JsonElement? id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number ? idValue.Clone() : null;
            parsed = new GradeRow(line, id, gold, predicted, options);
            return true;
        }, out row, out error);

    private static bool TryOptions(JsonElement root, out MathRowOptions options, out string error)
    {
        options = null!;
        error = "";
        if (!root.TryGetProperty("options", out var given) || given.ValueKind != JsonValueKind.Object)
        {
            error = "missing 'options' (an object with 'match_types')";
            return false;
        }

        // match_types is a list (["latex", "expr"]) or, for the suite's default, a description ("default(latex+expr, ...)").
        var types = given.TryGetProperty("match_types", out var matchTypes) ? matchTypes.ValueKind switch
        {
            JsonValueKind.Array => string.Join(",", matchTypes.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : "")),
            JsonValueKind.String => matchTypes.GetString()!,
            _ => null,
        } : null;
        if (types is null)
        {
            error = "'options.match_types' must be a list of 'latex' and 'expr'";
            return false;
        }

        int? precision = null;
        if (given.TryGetProperty("precision", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var digits) || digits is < 0 or > 300)
            {
                error = "'options.precision' must be a whole number of digits from 0 to 300";
                return false;
            }

            precision = digits;
        }

        var allowSetRelation = false;
        if (given.TryGetProperty("allow_set_relation_comp", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "'options.allow_set_relation_comp' must be true or false";
                return false;
            }

            allowSetRelation = a.GetBoolean();
        }

        options = new MathRowOptions
        {
            ExtractionRules = MathVerifyConfiguration.ExtractionRules(types),
            AbsoluteTolerance = MathVerifyConfiguration.AbsoluteTolerance(precision),
            AllowSetRelationComparison = allowSetRelation,
            ExtractGold = true,
        };
        return true;
    }
}
