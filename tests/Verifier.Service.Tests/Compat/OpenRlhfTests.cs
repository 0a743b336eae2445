using System.Net;
using System.Text.Json.Nodes;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Compat;

/// <summary>
/// OpenRLHF's remote reward (<c>--remote_rm_url</c>): the body its client posts, <c>{query, prompts, labels}</c>, each
/// query the decoded prompt and response, and the <c>rewards</c> it reads back (plus <c>scores</c> and <c>extra_logs</c>).
/// </summary>
public sealed class OpenRlhfTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Prompt = "<|im_start|>user\nWhat is 2 + 2? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n";

    private ServiceHost Host => fixture.Host;

    private static string Body(IEnumerable<string> queries, IEnumerable<string> prompts, IEnumerable<string?> labels) => new JsonObject
    {
        ["query"] = new JsonArray([.. queries.Select(q => JsonValue.Create(q))]),
        ["prompts"] = new JsonArray([.. prompts.Select(p => JsonValue.Create(p))]),
        ["labels"] = new JsonArray([.. labels.Select(l => JsonValue.Create(l))]),
    }.ToJsonString();

    private static double[] Numbers(JsonNode? array) => [.. array!.AsArray().Select(n => (double)n!)];

    [Fact]
    public async Task Math_ScoresTheResponseAfterThePrompt_AccuracyPlusR1Format()
    {
        string[] responses =
        [
            "<think>2 and 2 make 4</think><answer>\\boxed{4}</answer><|im_end|>",
            "<think>hmm</think><answer>\\boxed{5}</answer><|im_end|><|endoftext|><|endoftext|>",
            "The answer is \\boxed{4}.<|im_end|>",
        ];
        var body = await CompatClient.OkAsync(Host, "/openrlhf/math", Body(responses.Select(r => Prompt + r), responses.Select(_ => Prompt), ["4", "4", "4"]), ServiceHost.ApiKey);

        Assert.Equal([2.0, 1.0, 1.0], Numbers(body["rewards"]));
        Assert.Equal([1.0, 0.0, 1.0], Numbers(body["scores"]));
        Assert.Equal([1.0, 0.0, 1.0], Numbers(body["extra_logs"]!["accuracy"]));
        Assert.Equal([1.0, 1.0, 0.0], Numbers(body["extra_logs"]!["format"]));
        Assert.Equal([0.0, 0.0, 0.0], Numbers(body["extra_logs"]!["unknown"]));
    }

    [Fact]
    public async Task APromptReencodedBehindABosToken_StillFindsTheResponse()
    {
        var body = await CompatClient.OkAsync(
            Host, "/openrlhf/math", Body(["<|begin_of_text|>" + Prompt + "<think>x</think><answer>4</answer>"], [Prompt], ["4"]), ServiceHost.ApiKey);

        Assert.Equal([2.0], Numbers(body["rewards"]));
    }

    [Fact]
    public async Task TheAnswerInThePromptIsNotTheResponses()
    {
        // A prompt that already holds the gold answer: only the text after it is the model's.
        const string leaky = "Example: \\boxed{4}. Now: what is 2 + 2?\n";
        var body = await CompatClient.OkAsync(Host, "/openrlhf/math", Body([leaky + "<think>no idea</think><answer>I give up</answer>"], [leaky], ["4"]), ServiceHost.ApiKey);

        Assert.Equal([0.0], Numbers(body["scores"]));
        Assert.Equal([0.0], Numbers(body["extra_logs"]!["unknown"]));
    }

    [Fact]
    public async Task Code_LabelIsACodeSpec_AndTheProgramRunsAgainstItsTests()
    {
        var label = """{"language": "python", "tests": {"kind": "io", "cases": [{"stdin": "2 3\n", "stdout": "5\n"}, {"stdin": "10 -4\n", "stdout": "6\n"}]}}""";
        const string right = "<think>sum</think><answer>```python\na, b = map(int, input().split())\nprint(a + b)\n```</answer>";
        const string wrong = "<think>product</think><answer>```python\na, b = map(int, input().split())\nprint(a * b)\n```</answer>";

        var body = await CompatClient.OkAsync(Host, $"/compat/{ServiceHost.ApiKey}/openrlhf/code", Body([Prompt + right, Prompt + wrong], [Prompt, Prompt], [label, label]));

        Assert.Equal([2.0, 1.0], Numbers(body["rewards"]));
        Assert.Equal([1.0, 0.0], Numbers(body["scores"]));
    }

    [Fact]
    public async Task QueryWithoutItsPrompt_Is422NamingTheQuery()
    {
        var (status, body, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", Body(["something else entirely"], [Prompt], ["4"]), ServiceHost.ApiKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["query[0]"], CompatClient.InvalidFields(body));
    }

    [Theory]
    [InlineData("not json", "labels[0]")]
    [InlineData("""{"language": "cobol", "tests": {"kind": "io", "cases": [{"stdin": "", "stdout": "1"}]}}""", "labels[0].language")]
    public async Task BadCodeLabel_Is422NamingTheLabel(string label, string field)
    {
        var (status, body, _) = await CompatClient.PostAsync(Host, "/openrlhf/code", Body([Prompt + "x"], [Prompt], [label]), ServiceHost.ApiKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(field, CompatClient.InvalidFields(body));
    }

    [Fact]
    public async Task MismatchedListsAndMissingGold_Are422()
    {
        var (lengths, lengthsBody, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", Body(["a", "b"], ["a"], ["1", "2"]), ServiceHost.ApiKey);
        var (gold, goldBody, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", """{"query": ["q: 4"], "prompts": ["q: "]}""", ServiceHost.ApiKey);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (lengths, gold));
        Assert.Contains("prompts", CompatClient.InvalidFields(lengthsBody));
        Assert.Contains("labels[0]", CompatClient.InvalidFields(goldBody));
    }

    [Fact]
    public async Task MissingPrompts_Are422_SoAWholeQueryIsNeverScored()
    {
        // The prompt shows a worked answer; scored whole, the query would pass on it without the model answering.
        const string query = "Example: 2 + 2 = \\boxed{4}. Now: 2 + 2?\n<think>no idea</think><answer>pass</answer>";
        var withoutPrompts = new JsonObject { ["query"] = new JsonArray(query), ["labels"] = new JsonArray("4") };
        var nullPrompt = new JsonObject { ["query"] = new JsonArray(query), ["prompts"] = new JsonArray((JsonNode?)null), ["labels"] = new JsonArray("4") };
        var (absent, absentBody, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", withoutPrompts.ToJsonString(), ServiceHost.ApiKey);
        var (nulled, nulledBody, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", nullPrompt.ToJsonString(), ServiceHost.ApiKey);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (absent, nulled));
        Assert.Contains("prompts", CompatClient.InvalidFields(absentBody));
        Assert.Contains("prompts[0]", CompatClient.InvalidFields(nulledBody));
    }

    [Fact]
    public async Task UnconfiguredRoute_Is404_AndNoKeyIs401()
    {
        var (unknownRoute, _, _) = await CompatClient.PostAsync(Host, "/openrlhf/nope", Body(["x"], [""], ["1"]), ServiceHost.ApiKey);
        var (noKey, noKeyBody, _) = await CompatClient.PostAsync(Host, "/openrlhf/math", Body(["x"], [""], ["1"]));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (unknownRoute, noKey));
        Assert.NotNull((string?)noKeyBody!["detail"]);
    }
}
