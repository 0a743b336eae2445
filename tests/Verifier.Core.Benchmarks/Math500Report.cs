using Verifier.Core.Math;
using Verifier.MathSuites;

namespace Verifier.Core.Benchmarks;

/// <summary>MATH-500: every gold, boxed in a completion, must equal itself and its harmless reformattings.</summary>
internal static class Math500Report
{
    public static (int Passed, int Total, int CrossFalsePositives) Run(IReadOnlyList<Math500Item> items)
    {
        var verifier = new MathVerifier();
        var total = 0;
        var passed = 0;
        var failures = new List<string>();
        var perVariant = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var (name, text) in Reformatter.Variants(item.Answer).Prepend(("identity", item.Answer)))
            {
                total++;
                perVariant[name] = perVariant.GetValueOrDefault(name) + 1;
                var verdict = verifier.Verify(Math500Item.Completion(item.Problem, text), item.Answer);
                if (verdict.Correct == true)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"  [{name}] gold {item.Answer}  variant {text}: {verdict.Correct?.ToString() ?? "undecided"} ({verdict.Reason})");
                }
            }

            total++;
            var solution = verifier.Verify(item.SolutionCompletion(), item.Answer);
            if (solution.Correct == true)
            {
                passed++;
            }
            else
            {
                failures.Add($"  [reference solution] gold {item.Answer}: extracted {solution.Extracted}: {solution.Correct?.ToString() ?? "undecided"} ({solution.Reason})");
            }
        }

        // Negative control: each gold against the next distinct gold must not be judged equal.
        var crossPositives = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var gold = items[i].Answer;
            var other = items[(i + 1) % items.Count].Answer;
            if (other == gold)
            {
                continue;
            }

            var verdict = verifier.Verify(Math500Item.Completion(items[i].Problem, other), gold);
            if (verdict.Correct == true)
            {
                crossPositives.Add($"  gold {gold} accepted {other} ({verdict.Reason})");
            }
        }

        Console.WriteLine($"MATH-500 golds: {passed}/{total} checks passed (each gold boxed as itself, {total - (2 * items.Count)} reformattings, and the reference solution); " +
            $"cross-gold negative control: {crossPositives.Count} accepted of {items.Count}");
        Console.WriteLine("  variants: " + string.Join(", ", perVariant.Select(p => $"{p.Key} {p.Value}")));
        foreach (var failure in failures.Concat(crossPositives))
        {
            Console.WriteLine(failure);
        }

        return (passed, total, crossPositives.Count);
    }
}
