using Verifier.Core.Math;
using Verifier.MathSuites;

namespace Verifier.Core.Benchmarks;

/// <summary>Runs the Math-Verify cases and reports agreement, false positives and negatives, and every disagreement.</summary>
internal static class AgreementReport
{
    public static (int Agree, int FalsePositives, int Total) Run(IReadOnlyList<MathVerifyCase> cases, bool verbose)
    {
        var verifiers = new Dictionary<string, MathVerifier>(StringComparer.Ordinal);
        var agree = 0;
        var falsePositives = 0;
        var falseNegatives = 0;
        var undecided = 0;
        var disagreements = new List<string>();
        foreach (var c in cases)
        {
            var options = c.Options();
            var key = $"{c.UsesLatex}/{c.UsesExpr}/{c.Precision}/{c.AllowSetRelation}";
            if (!verifiers.TryGetValue(key, out var verifier))
            {
                verifier = new MathVerifier(options);
                verifiers[key] = verifier;
            }

            if (verbose)
            {
                Console.Error.WriteLine($"case {c.Line}");
            }

            var verdict = verifier.VerifyAgainstSolution(c.Predicted, c.Gold);
            var saysCorrect = verdict.Correct == true;
            if (verdict.Correct is null)
            {
                undecided++;
            }

            if (saysCorrect == c.Expected)
            {
                agree++;
                if (verbose)
                {
                    Console.WriteLine($"  ok line {c.Line} expected {c.Expected} got {Show(verdict.Correct)} [{verdict.Extracted}] {verdict.Reason}");
                }

                continue;
            }

            if (saysCorrect)
            {
                falsePositives++;
            }
            else
            {
                falseNegatives++;
            }

            disagreements.Add($"  line {c.Line} [{c.Category}] expected {c.Expected}, got {Show(verdict.Correct)}\n" +
                $"    gold: {Snippet(c.Gold)}\n    pred: {Snippet(c.Predicted)}\n    extracted: {verdict.Extracted} ({verdict.Reason})");
        }

        Console.WriteLine($"Math-Verify cases: {cases.Count}, agreement {agree}/{cases.Count} = {100.0 * agree / cases.Count:F1}%, " +
            $"false positives {falsePositives}, false negatives {falseNegatives}, undecided {undecided}");
        if (verbose || disagreements.Count > 0)
        {
            Console.WriteLine("Disagreements:");
            foreach (var d in disagreements)
            {
                Console.WriteLine(d);
            }
        }

        return (agree, falsePositives, cases.Count);
    }

    private static string Show(bool? value) => value is null ? "undecided" : value.Value ? "true" : "false";

    public static string Snippet(string text)
    {
        var flat = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return flat.Length <= 160 ? flat : flat[..70] + " ... " + flat[^85..];
    }
}
