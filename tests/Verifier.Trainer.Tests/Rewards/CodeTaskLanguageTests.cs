using Verifier.Sdk;
using Verifier.TestSupport;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Tests.Rewards;

/// <summary>
/// A JSONL code task is scored in the language it names, against the real service: a C++ task's tests are a C++
/// program, not Python to be wrapped in a <c>check</c> (which made every C++ completion a compile error, right or wrong).
/// </summary>
public sealed class CodeTaskLanguageTests
{
    private const string CppTask = """
        {"id": "add/cpp", "prompt": "Write int add(int a, int b).", "language": "cpp", "entry_point": "add",
         "tests": "#include <cassert>\nint add(int a, int b);\nint main() { assert(add(2, 3) == 5); assert(add(-1, 1) == 0); return 0; }"}
        """;

    private const string PythonTask = """
        {"id": "add/py", "prompt": "Write add(a, b).", "entry_point": "add", "tests": ["assert add(2, 3) == 5"]}
        """;

    [Fact]
    public async Task CppTask_IsRunAsCpp_RightScoresOneAndWrongScoresZero()
    {
        var task = JsonlTaskSource.Parse(CppTask.ReplaceLineEndings(" "), template: null, index: 0);
        var scores = await ScoreAsync(task,
            Answer("cpp", "int add(int a, int b) { return a + b; }"),
            Answer("cpp", "int add(int a, int b) { return a - b; }"));

        Assert.Equal(1.0, scores[0].Accuracy);
        Assert.Equal(0.0, scores[1].Accuracy);
    }

    [Fact]
    public async Task PythonTask_WithoutLanguage_StillWrapsBareAssertsInACheck()
    {
        var task = JsonlTaskSource.Parse(PythonTask, template: null, index: 0);
        var scores = await ScoreAsync(task,
            Answer("python", "def add(a, b):\n    return a + b"),
            Answer("python", "def add(a, b):\n    return a * b"));

        Assert.Equal(1.0, scores[0].Accuracy);
        Assert.Equal(0.0, scores[1].Accuracy);
    }

    [Theory]
    [InlineData("CPP", "cpp")]
    [InlineData(" Python ", "python")]
    [InlineData("csharp", "csharp")]
    public void Language_IsSentAsTheServiceNamesIt(string written, string sent)
    {
        var task = JsonlTaskSource.Parse(
            $$"""{"prompt": "p", "language": "{{written}}", "entry_point": "f", "tests": "int main() { return 0; }"}""", null, 0);

        Assert.Equal(sent, VerifierRewardSource.CodeSpecFor(task).Language);
    }

    private static string Answer(string fence, string code) =>
        $"<think>easy</think><answer>\n```{fence}\n{code}\n```\n</answer>";

    private static async Task<IReadOnlyList<RewardScore>> ScoreAsync(TaskItem task, params string[] completions)
    {
        await using var host = ServiceHost.Start();
        await using var rewards = new VerifierRewardSource(new VerifierClient(new VerifierClientOptions
        {
            ApiKey = ServiceHost.ApiKey,
            Endpoints = { host.Address },
        }));
        return await rewards.ScoreAsync([.. completions.Select(c => new RewardRequest(task, c))]);
    }
}
