using System.Text.Json;
using Verifier.Core.Math;
using Verifier.Core.Math.Extraction;

namespace Verifier.MathSuites;

/// <summary>One gold/pred/expected case from Math-Verify's test suite, with the options it was run under.</summary>
public sealed record MathVerifyCase(int Line, string Gold, string Predicted, bool Expected, string Category, string Source, string MatchTypes, int? Precision, bool AllowSetRelation)
{
    public bool UsesLatex => MatchTypes.Contains("latex", StringComparison.Ordinal);

    public bool UsesExpr => MatchTypes.Contains("expr", StringComparison.Ordinal);

    public static IReadOnlyList<MathVerifyCase> Load(string path)
    {
        var cases = new List<MathVerifyCase>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var options = root.GetProperty("options");
            var matchTypes = options.GetProperty("match_types");
            var types = matchTypes.ValueKind == JsonValueKind.Array
                ? string.Join(",", matchTypes.EnumerateArray().Select(e => e.GetString()))
                : matchTypes.GetString() ?? string.Empty;
            int? precision = options.TryGetProperty("precision", out var p) ? p.GetInt32() : null;
            var allowSetRelation = options.TryGetProperty("allow_set_relation_comp", out var a) && a.GetBoolean();
            cases.Add(new MathVerifyCase(
                line,
                root.GetProperty("gold").GetString()!,
                root.GetProperty("pred").GetString()!,
                root.GetProperty("expected").GetBoolean(),
                root.GetProperty("category").GetString() ?? string.Empty,
                root.GetProperty("source").GetString() ?? string.Empty,
                types,
                precision,
                allowSetRelation));
        }

        return cases;
    }

    /// <summary>
    /// Verifier options that mirror the case's Math-Verify configuration (both sides are extracted). Agreement
    /// measures semantics, so the wall-clock budget is lifted: on a loaded machine a preempted check would
    /// otherwise turn undecided. The deterministic step budget still bounds every check.
    /// </summary>
    public MathVerifierOptions Options()
    {
        return new MathVerifierOptions
        {
            ExtractionRules = MathVerifyConfiguration.ExtractionRules(MatchTypes),
            AbsoluteTolerance = MathVerifyConfiguration.AbsoluteTolerance(Precision),
            AllowSetRelationComparison = AllowSetRelation,
            GoldCacheSize = 0,
            TimeBudget = TimeSpan.FromSeconds(10),
        };
    }
}
