using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Scoring;

/// <summary>The service's math engine takes its settings from the <c>Math</c> section, like every other part.</summary>
public sealed class MathSectionTests
{
    private const string Unboxed = "<think>6 times 7</think> so the product is 42";

    [Fact]
    public async Task ExtractionRules_FromConfiguration_ReplaceTheDefault()
    {
        Assert.Equal(Verdicts.NoAnswer, await VerdictAsync(settings: null));
        Assert.Equal(Verdicts.Correct, await VerdictAsync(new() { ["Math:ExtractionRules:0"] = "LastNumber" }));
    }

    private static async Task<string> VerdictAsync(Dictionary<string, string?>? settings)
    {
        await using var host = ServiceHost.Start(settings);
        using var response = await host.Client().PostAsync("/v1/verify", Json.Body(Json.Math(Unboxed, "42")));
        return (await Json.ResultsAsync(response)).Results[0].Verdict;
    }
}
