using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Cli.Grading;
using Verifier.Core.Math;
using Verifier.MathSuites;
using Verifier.TestSupport;

namespace Verifier.Cli.Tests.Grading;

/// <summary>
/// Issue 18: the Math-Verify cases graded by <c>grade --extract answer</c> (in process, through the service's scoring
/// policy) against the benchmark harness (Verifier.Core.Benchmarks' AgreementReport: per-case options, both sides
/// extracted). They can only agree where the case is what answer mode is for: a gold and a prediction that are bare
/// answers (the harness extracts each as the whole text) and no per-case precision, which a grade row cannot carry.
/// On those cases the two must give the same verdict row for row. The harness here uses the service's set-relation
/// default (allowed), as the CLI does.
/// </summary>
public sealed class MathVerifySuiteThroughCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-suite-").FullName;

    [Fact]
    public async Task GradeExtractAnswer_OverMathVerifyCases_AgreesWithTheHarnessOnBareAnswers()
    {
        var path = MathVerifyCasesPath();
        Assert.SkipWhen(path is null, "Shared data not found at <repo>/../shared/data/math/mathverify_cases.jsonl (or $VERIFIER_SHARED_DATA/math); the suite is not in this checkout.");
        var cases = MathVerifyCase.Load(path!);
        var input = Path.Combine(_dir, "cases.jsonl");
        await File.WriteAllLinesAsync(input, cases.Select(c => JsonSerializer.Serialize(new { id = c.Line, gold = c.Gold, completion = c.Predicted })), TestContext.Current.CancellationToken);

        var output = Path.Combine(_dir, "graded.jsonl");
        Assert.True(GradeArguments.TryParse(["--input", input, "--output", output, "--quiet", "--extract", "answer"], out var options, out var error), error);
        var code = await new GradeCommand(options, TextWriter.Null, TextWriter.Null).RunAsync(Graders.Create, TestContext.Current.CancellationToken);
        var cli = File.ReadLines(output).Select(l => JsonNode.Parse(l)!).ToDictionary(r => (int)r["id"]!, r => (bool?)r["correct"] == true);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(cases.Count, cli.Count);
        var comparable = 0;
        var mismatches = new List<string>();
        foreach (var c in cases.Where(c => c.Precision is null))
        {
            var caseOptions = c.Options();
            var harness = new MathVerifier(new MathVerifierOptions
            {
                ExtractionRules = caseOptions.ExtractionRules,
                AbsoluteTolerance = caseOptions.AbsoluteTolerance,
                GoldCacheSize = caseOptions.GoldCacheSize,
                TimeBudget = caseOptions.TimeBudget,
            });
            if (!IsBare(harness, c.Gold) || !IsBare(harness, c.Predicted))
            {
                continue;
            }

            comparable++;
            var harnessCorrect = harness.VerifyAgainstSolution(c.Predicted, c.Gold).Correct == true;
            if (harnessCorrect != cli[c.Line])
            {
                mismatches.Add($"line {c.Line}: harness {harnessCorrect}, cli {cli[c.Line]} ({c.Gold} | {c.Predicted})");
            }
        }

        Assert.True(comparable >= 80, $"only {comparable} comparable cases");
        Assert.Empty(mismatches);
    }

    /// <summary>Whether the harness's extraction reads the whole text as the answer (math delimiters and a final period aside).</summary>
    private static bool IsBare(MathVerifier harness, string text) =>
        harness.ExtractAnswer(text) is { } extracted && Stripped(extracted) == Stripped(text);

    private static string Stripped(string text) => text.Replace("$", "", StringComparison.Ordinal).Trim().TrimEnd('.').Trim();

    private static string? MathVerifyCasesPath()
    {
        var shared = Environment.GetEnvironmentVariable("VERIFIER_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Directory.GetParent(RepoPaths.Root())!.FullName, "shared", "data");
        var path = Path.Combine(shared, "math", "mathverify_cases.jsonl");
        return File.Exists(path) ? path : null;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
