using Verifier.Core.Math;
using Verifier.MathSuites;

namespace Verifier.Core.Tests.Math;

/// <summary>
/// The benchmark suites as tests: the shipped samples must agree completely; the shared suites (when present)
/// must meet the bar — at least 97% agreement with Math-Verify and no false positive, and every
/// MATH-500 gold equal to itself and its reformattings.
/// </summary>
public sealed class DataDrivenTests
{
    private const double RequiredAgreement = 0.97;

    private static (int Agree, int FalsePositives, List<string> Disagreements) RunCases(IReadOnlyList<MathVerifyCase> cases)
    {
        var agree = 0;
        var falsePositives = 0;
        var disagreements = new List<string>();
        foreach (var c in cases)
        {
            var verifier = new MathVerifier(c.Options() is var o ? new MathVerifierOptions
            {
                ExtractionRules = o.ExtractionRules,
                AbsoluteTolerance = o.AbsoluteTolerance,
                AllowSetRelationComparison = o.AllowSetRelationComparison,
                TimeBudget = TestVerifiers.GenerousTime,
            } : null);
            var verdict = verifier.VerifyAgainstSolution(c.Predicted, c.Gold);
            var saysCorrect = verdict.Correct == true;
            if (saysCorrect == c.Expected)
            {
                agree++;
                continue;
            }

            falsePositives += saysCorrect ? 1 : 0;
            disagreements.Add($"line {c.Line} ({c.Category}): expected {c.Expected}, got {verdict.Correct} [{verdict.Extracted}] {verdict.Reason}");
        }

        return (agree, falsePositives, disagreements);
    }

    private static List<string> RunGolds(IReadOnlyList<Math500Item> items)
    {
        var failures = new List<string>();
        foreach (var item in items)
        {
            foreach (var (name, text) in Reformatter.Variants(item.Answer).Prepend(("identity", item.Answer)))
            {
                var verdict = TestVerifiers.Default.Verify(Math500Item.Completion(item.Problem, text), item.Answer);
                if (verdict.Correct != true)
                {
                    failures.Add($"{name}: gold {item.Answer} variant {text}: {verdict.Reason}");
                }
            }

            var solution = TestVerifiers.Default.Verify(item.SolutionCompletion(), item.Answer);
            if (solution.Correct != true)
            {
                failures.Add($"solution: gold {item.Answer}: {solution.Reason}");
            }
        }

        return failures;
    }

    [Fact]
    public void SampleCases_AllAgreeWithTheirExpectedVerdict()
    {
        var cases = MathVerifyCase.Load(SharedData.Sample("sample_cases.jsonl"));

        var (agree, _, disagreements) = RunCases(cases);

        Assert.True(cases.Count >= 40);
        Assert.True(agree == cases.Count, string.Join("\n", disagreements));
    }

    [Fact]
    public void SampleGolds_EqualThemselvesAndTheirReformattings()
    {
        var items = Math500Item.Load(SharedData.Sample("sample_math500.jsonl"));

        var failures = RunGolds(items);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void MathVerifySuite_AgreesAtLeast97PercentWithNoFalsePositive()
    {
        var folder = SharedData.MathFolder();
        Assert.SkipWhen(folder is null, SharedData.SkipMessage);
        var cases = MathVerifyCase.Load(Path.Combine(folder!, "mathverify_cases.jsonl"));

        var (agree, falsePositives, disagreements) = RunCases(cases);

        Assert.True(falsePositives == 0, string.Join("\n", disagreements));
        Assert.True(agree >= RequiredAgreement * cases.Count, $"{agree}/{cases.Count}\n" + string.Join("\n", disagreements));
    }

    [Fact]
    public void Math500Golds_EqualThemselvesAndTheirReformattings()
    {
        var folder = SharedData.MathFolder();
        Assert.SkipWhen(folder is null, SharedData.SkipMessage);
        var items = Math500Item.Load(Path.Combine(folder!, "math500.jsonl"));

        var failures = RunGolds(items);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
