using System.Net;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Scoring;

/// <summary><c>math: {gold, extract: "answer"}</c>: the completion is the bare answer; the default still extracts it.</summary>
public sealed class MathExtractModeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    [Theory]
    [InlineData("\\frac{1}{2}", "0.5", Verdicts.Correct)]
    [InlineData("$x = 1 1/2$", "\\frac32", Verdicts.Correct)]
    [InlineData("4:30pm", "\\text{4:30 p.m.}", Verdicts.Correct)]
    [InlineData("\\frac{1}{3}", "0.5", Verdicts.Wrong)]
    [InlineData("The final answer is 5", "5", Verdicts.Wrong)] // prose is not an answer in this mode
    public async Task Verify_WhenExtractIsAnswer_TakesTheCompletionAsTheAnswer(string completion, string gold, string verdict)
    {
        var item = Json.Math(completion, gold);
        item = item with { Math = item.Math! with { Extract = MathExtraction.Answer } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public async Task Verify_WhenExtractIsOmittedOrCompletion_ReadsTheAnswerFromTheCompletion()
    {
        var omitted = Json.Math("The final answer is 5", "5");
        var explicitDefault = omitted with { Math = omitted.Math! with { Extract = MathExtraction.Completion } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(omitted, explicitDefault));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.All(results, r => Assert.Equal(Verdicts.Correct, r.Verdict));
    }

    [Fact]
    public async Task Verify_WhenExtractIsUnknown_Returns400NamingTheField()
    {
        var item = Json.Math("5", "5");
        item = item with { Math = item.Math! with { Extract = "last-line" } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("items[0].math.extract", Json.ErrorFields(await Json.ProblemAsync(response)));
    }
}
