using System.Diagnostics;
using Verifier.Core.Math;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Equivalence;
using Verifier.Core.Math.Parsing;
using Verifier.MathSuites;

namespace Verifier.Core.Benchmarks;

/// <summary>Diagnostics for one case (--case LINE): each stage's output and time.</summary>
internal static class CaseProbe
{
    public static void Run(MathVerifyCase c)
    {
        var verifier = new MathVerifier(c.Options());
        Console.WriteLine($"gold: {AgreementReport.Snippet(c.Gold)}\npred: {AgreementReport.Snippet(c.Predicted)}\nexpected: {c.Expected}");
        var goldAnswer = verifier.ExtractAnswer(c.Gold);
        var predAnswer = verifier.ExtractAnswer(c.Predicted);
        Console.WriteLine($"extracted gold: {goldAnswer}\nextracted pred: {predAnswer}");
        foreach (var text in new[] { goldAnswer, predAnswer })
        {
            if (text is null)
            {
                continue;
            }

            var parsed = ParsedAnswer.Parse(text, CheckBudget.Unlimited, 4000, 64);
            Console.WriteLine($"parse '{text}': {(parsed.IsParsed ? string.Join(" | ", parsed.Readings.Select(CanonicalKey.Of)) : parsed.Error)}");
            foreach (var reading in parsed.Readings)
            {
                Console.WriteLine("  normalized: " + CanonicalKey.Of(AnswerNormalizer.Normalize(reading)));
            }
        }

        if (Environment.GetEnvironmentVariable("PROBE_BALLS") is not null)
        {
            var ctx = new Verifier.Core.Math.Numbers.BallContext(160, CheckBudget.Unlimited);
            Console.WriteLine("sqrt...");
            var r = ctx.Sqrt(Verifier.Core.Math.Numbers.RealBall.Exact(Verifier.Core.Math.Numbers.BigFloat.FromInteger(1358)));
            Console.WriteLine($"sqrt = {r.ToDouble()} rad {r.RadiusLog2}");
            var q = ctx.FromRational(Verifier.Core.Math.Numbers.BigRational.Create(34, 16));
            Console.WriteLine($"q = {q.ToDouble()}");
            var d = ctx.Divide(r, ctx.Exact(16));
            Console.WriteLine($"d = {d.ToDouble()}");
            var sum = ctx.Add(q, d);
            Console.WriteLine($"sum = {sum.ToDouble()} rad {sum.RadiusLog2}");
        }

        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var verdict = verifier.VerifyAgainstSolution(c.Predicted, c.Gold);
            Console.WriteLine($"verdict: {verdict} in {watch.Elapsed.TotalMilliseconds:F2} ms");
        }
    }
}
