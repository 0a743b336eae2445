using System.Text.Json.Nodes;
using Verifier.Cli.Grading;
using Verifier.Core.Math;
using Verifier.MathSuites;

namespace Verifier.Cli.Tests.Grading;

/// <summary>
/// Issue 18: Math-Verify's cases graded by the CLI (<c>grade --dataset mathverify</c>, each case under its own options)
/// give the benchmark harness's verdicts (Verifier.Core.Benchmarks' AgreementReport: <see cref="MathVerifyCase.Options"/>
/// and <see cref="MathVerifier.VerifyAgainstSolution"/>) row for row, so the suite's agreement through the CLI is the
/// harness's. Both lift the wall-clock budget as the harness does: on a loaded machine a preempted check would turn
/// undecided on one side only; the deterministic step budget still bounds every check.
/// </summary>
public sealed class MathVerifySuiteThroughCliTests : IDisposable
{
    /// <summary>The suite's known disagreements, each explained in tests/Verifier.Core.Benchmarks/README.md.</summary>
    private static readonly int[] KnownDisagreements = [102, 105, 173, 255];

    private static readonly MathVerifierOptions HarnessBudget = new() { TimeBudget = TimeSpan.FromSeconds(10) };

    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-suite-").FullName;

    [Fact]
    public async Task GradeDatasetMathVerify_OverTheSharedSuite_GivesTheHarnessVerdictsAndAgreement()
    {
        var path = SharedCasesPath();
        Assert.SkipWhen(path is null, "Shared data not found at <repo>/../shared/data/math/mathverify_cases.jsonl (or $VERIFIER_SHARED_DATA/math); set VERIFIER_SHARED_DATA to run the full suite through the CLI.");
        var cases = MathVerifyCase.Load(path!);

        var (cli, harness) = await GradeBothAsync(path!, cases);

        var cliDisagreements = Disagreements(cases, cli);
        Assert.Equal(cases.Count - Disagreements(cases, harness).Count, cases.Count - cliDisagreements.Count);
        Assert.Equal(Describe(cases, harness), Describe(cases, cli));
        Assert.Equal(KnownDisagreements, cliDisagreements);
    }

    [Fact]
    public async Task GradeDatasetMathVerify_OverTheShippedSample_AgreesWithEveryCaseAndTheHarness()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Grading", "Data", "sample_cases.jsonl");
        var cases = MathVerifyCase.Load(path);

        var (cli, harness) = await GradeBothAsync(path, cases);

        Assert.True(cases.Count >= 40);
        Assert.Equal(Describe(cases, harness), Describe(cases, cli));
        Assert.Empty(Disagreements(cases, cli));
    }

    /// <summary>Each case's verdict by line: through the CLI, and as the harness gives it.</summary>
    private async Task<(Dictionary<int, bool?> Cli, Dictionary<int, bool?> Harness)> GradeBothAsync(string path, IReadOnlyList<MathVerifyCase> cases)
    {
        var output = Path.Combine(_dir, "graded.jsonl");
        Assert.True(GradeArguments.TryParse(["--input", path, "--output", output, "--quiet", "--dataset", "mathverify"], out var options, out var error), error);
        var errors = new StringWriter();
        var code = await new GradeCommand(options, TextWriter.Null, errors)
            .RunAsync(o => new LocalGrader(o.WithFormat, o.Extract, HarnessBudget), TestContext.Current.CancellationToken);
        Assert.True(code == ExitCodes.Ok, errors.ToString());

        var cli = File.ReadLines(output).Select(l => JsonNode.Parse(l)!).ToDictionary(r => (int)r["line"]!, r => (bool?)r["correct"]);
        var harness = cases.ToDictionary(c => c.Line, c => new MathVerifier(c.Options()).VerifyAgainstSolution(c.Predicted, c.Gold).Correct);
        return (cli, harness);
    }

    /// <summary>Lines where "correct" (undecided counting as not correct, as in the harness) is not the expected verdict.</summary>
    private static List<int> Disagreements(IReadOnlyList<MathVerifyCase> cases, Dictionary<int, bool?> verdicts) =>
        [.. cases.Where(c => (verdicts[c.Line] == true) != c.Expected).Select(c => c.Line)];

    private static List<string> Describe(IReadOnlyList<MathVerifyCase> cases, Dictionary<int, bool?> verdicts) =>
        [.. cases.Select(c => $"line {c.Line}: {verdicts.GetValueOrDefault(c.Line)?.ToString() ?? "undecided/missing"} ({c.Gold} | {c.Predicted})")];

    private static string? SharedCasesPath()
    {
        var shared = Environment.GetEnvironmentVariable("VERIFIER_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Directory.GetParent(Verifier.TestSupport.RepoPaths.Root())!.FullName, "shared", "data");
        var path = Path.Combine(shared, "math", "mathverify_cases.jsonl");
        return File.Exists(path) ? path : null;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
