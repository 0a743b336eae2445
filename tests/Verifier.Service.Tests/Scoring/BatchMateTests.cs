using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Service.Scoring;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Scoring;

/// <summary>
/// Class 6 of the red-team: one sample must never change a batch-mate's reward. Slow samples that hold the
/// request's sandbox slots delay the honest ones, but every item is judged on what it did once it ran.
/// </summary>
public sealed class BatchMateTests
{
    [Fact]
    public async Task SleepersHoldingTheRequestsSlots_DoNotNullTheirBatchMates()
    {
        // Two containers per request: the two sleepers take both, and the four honest items wait behind them.
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Sandbox:FastContainersPerKey"] = "2" });
        var slowTests = CodeTests.Io([.. Enumerable.Range(0, 6).Select(i => TestCase.Io($"{i} 1\n", $"{i + 1}\n"))]);
        const string sleeper = "import time\ntime.sleep(0.9)\n" + Json.AddProgram;
        VerifyItem[] items =
        [
            Json.Python(sleeper, slowTests, id: "sleeper-0", timeMs: 1000),
            Json.Python(sleeper, slowTests, id: "sleeper-1", timeMs: 1000),
            .. Enumerable.Range(0, 4).Select(i => Json.Python(Json.AddProgram, Json.AddTwoNumbers, id: $"honest-{i}")),
        ];

        using var response = await host.Client().PostAsync("/v1/verify", Json.Body(items));
        var results = (await Json.ResultsAsync(response)).Results;

        // The honest items waited behind the sleepers and are judged on their own run; the sleepers (slow, but inside
        // 2.5 s of wall time per test) get their own verdict, never a null.
        Assert.All(results.Skip(2), r => Assert.True(r.Verdict == Verdicts.Accepted && r.Reward == 1.0, $"{r.Id}: {r.Verdict} ({r.Reason})"));
        Assert.All(results.Take(2), r => Assert.True(r.Reward is not null, $"{r.Id}: {r.Verdict} ({r.Reason})"));
    }

    [Fact]
    public void RequestTimeout_ShorterThanTheLongestItemRun_IsRefusedAtStart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scoring:RequestTimeout"] = "00:01:00" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVerification(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScoringOptions>>().Value);
        Assert.Contains("Sandbox:ItemTimeBudgetMs", error.Message, StringComparison.Ordinal);
    }
}
