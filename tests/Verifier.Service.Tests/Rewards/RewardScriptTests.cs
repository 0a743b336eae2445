using Verifier.Contracts;
using Verifier.Scripting;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Rewards;

public sealed class RewardScriptTests : IClassFixture<RewardScriptTests.ScriptedService>
{
    private readonly ScriptedService _fixture;
    private readonly HttpClient _client;

    public RewardScriptTests(ScriptedService fixture)
    {
        _fixture = fixture;
        _client = fixture.Host.Client();
    }

    public sealed class ScriptedService : IDisposable
    {
        public ScriptedService()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("verifier-scripts-").FullName;
            Write("length_penalty", "Completion.Length > 100 ? -1.0 : 0.0");
            Write("throws", "throw new InvalidOperationException(\"boom\");");
            Write("spins", "while (true) { }");
            Write("sleeps", "System.Threading.Thread.Sleep(3000);\nreturn 1;");
            Write("recurses", "int Deeper(int n) => Deeper(n + 1) + 1;\nreturn Deeper(0);");
            Write("language_tag", "Metadata.TryGetValue(\"lang\", out var lang) && lang == \"en\" ? 1 : 0");
            Write("gold_length", "Gold?.Length ?? -1");
            Host = ServiceHost.Start(new Dictionary<string, string?>
            {
                ["RewardScripts:Directory"] = Directory,
                ["RewardScripts:TimeBudgetMs"] = "300",
            });
        }

        public string Directory { get; }

        public ServiceHost Host { get; }

        private void Write(string name, string code) => File.WriteAllText(Path.Combine(Directory, name + ".csx"), code);

        public void Dispose()
        {
            Host.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    [Fact]
    public async Task Script_IsAddedWithItsWeight_BesideBuiltInComponents()
    {
        var item = Json.Math("<think>" + new string('x', 200) + "</think><answer>\\boxed{4}</answer>", "4") with
        {
            Rewards = new Dictionary<string, double> { ["length_penalty"] = 0.1 },
        };

        var result = await ScoreAsync(item);

        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(-1.0, result.Detail!.Components!["length_penalty"]);
        Assert.Equal(0.9, result.Reward!.Value, 12);
    }

    [Fact]
    public async Task Scripts_SeeGoldAndMetadata()
    {
        var item = Json.Math("\\boxed{12}", "12") with
        {
            Rewards = new Dictionary<string, double> { ["language_tag"] = 1, ["gold_length"] = 0 },
            Metadata = new Dictionary<string, string> { ["lang"] = "en" },
        };

        var result = await ScoreAsync(item);

        Assert.Equal(1.0, result.Detail!.Components!["language_tag"]);
        Assert.Equal(2.0, result.Detail.Components["gold_length"]);
    }

    [Theory]
    [InlineData("throws", "InvalidOperationException: boom")]
    [InlineData("spins", "time budget")]
    [InlineData("sleeps", "time budget")]
    public async Task FailingScript_GivesNullWithTheReason_AndTheServiceCarriesOn(string script, string reason)
    {
        var item = Json.Math("\\boxed{1}", "1") with { Rewards = new Dictionary<string, double> { [script] = 1 } };

        var result = await ScoreAsync(item);
        var after = await ScoreAsync(Json.Math("\\boxed{1}", "1"));

        Assert.Null(result.Reward);
        Assert.Equal(1.0, result.Accuracy);
        Assert.Null(result.Detail!.Components![script]);
        Assert.Contains(reason, result.Detail.ComponentReasons![script], StringComparison.Ordinal);
        Assert.Equal(1.0, after.Reward);
    }

    [Fact]
    public async Task RunawayRecursion_EndsAsNullInsteadOfCrashingTheService()
    {
        var item = Json.Math("\\boxed{1}", "1") with { Rewards = new Dictionary<string, double> { ["recurses"] = 1 } };

        var result = await ScoreAsync(item);

        // Whichever comes first, the stack guard or the time budget, the value is unknown and the process lives.
        Assert.Null(result.Detail!.Components!["recurses"]);
        Assert.Matches("recursed too deeply|time budget", result.Detail.ComponentReasons!["recurses"]);
        Assert.Equal(1.0, (await ScoreAsync(Json.Math("\\boxed{1}", "1"))).Reward);
    }

    [Fact]
    public async Task Scripts_AreCompiledOnceAtStart()
    {
        var scripts = _fixture.Host.Service<RewardScriptSet>();
        var before = scripts.Compilations;

        for (var i = 0; i < 3; i++)
        {
            await ScoreAsync(Json.Math("\\boxed{1}", "1") with { Rewards = new Dictionary<string, double> { ["length_penalty"] = 1 } });
        }

        Assert.Equal(7, before);
        Assert.Equal(before, scripts.Compilations);
    }

    [Fact]
    public async Task LanguageConsistency_IsABuiltInNamedComponent()
    {
        var item = new VerifyItem
        {
            Completion = "<think>we add them 然 check</think><answer>4</answer>",
            Format = new FormatSpec(),
            Rewards = new Dictionary<string, double> { ["language_consistency"] = 0.5 },
        };

        var result = await ScoreAsync(item);

        Assert.Equal(0.8, result.Detail!.Components!["language_consistency"]!.Value, 12);
        Assert.Equal(1.4, result.Reward!.Value, 12);
    }

    private async Task<VerifyResult> ScoreAsync(VerifyItem item)
    {
        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        return (await Json.ResultsAsync(response)).Results[0];
    }
}

public sealed class BrokenScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-bad-scripts-").FullName;

    [Fact]
    public void ScriptThatDoesNotCompile_StopsStartUp_NamingFileAndLine()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.csx"), "var x = 1;\nreturn x +;\n");

        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { ["RewardScripts:Directory"] = _dir }).Dispose());

        Assert.NotNull(error);
        Assert.Contains("broken.csx(2,", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptWithReferenceDirective_IsRefused()
    {
        File.WriteAllText(Path.Combine(_dir, "loader.csx"), "#r \"System.Net.Http\"\nreturn 1;\n");

        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { ["RewardScripts:Directory"] = _dir }).Dispose());

        Assert.NotNull(error);
        Assert.Contains("#r and #load are not allowed", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("language_consistency", "two reward components are named 'language_consistency'")]
    [InlineData("accuracy", "reward component 'accuracy' (ScriptRewardComponent) has the name of a built-in part")]
    public void ScriptNamedLikeABuiltIn_StopsStartUp(string name, string message)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".csx"), "return 1;\n");

        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { ["RewardScripts:Directory"] = _dir }).Dispose());

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LanguageConsistency:Targets:klingon", "Klingon", "LanguageConsistency:Targets:klingon: 'Klingon' is not a writing script")]
    [InlineData("LanguageConsistency:Targets:has-dash", "Latin", "LanguageConsistency:Targets:has-dash: a component name is")]
    public void BadLanguageConsistencyTarget_StopsStartUp(string key, string value, string message)
    {
        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { [key] = value }).Dispose());

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Math:TimeBudget", "00:05:00", "Math: ")]
    [InlineData("Math:ExtractionRules:1", "LastNumbr", "Math:ExtractionRules:1: 'LastNumbr' is not an extraction rule")]
    public void BadMathSection_StopsStartUp(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["Math:ExtractionRules:0"] = "Boxed" };
        var error = Record.Exception(() => ServiceHost.Start(settings).Dispose());

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
