using Verifier.Sdk;
using Verifier.TestSupport;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Tests.Rewards;

/// <summary>
/// The in-process source the tests and the experiment use is the service's scoring policy, not a look-alike: for the
/// same requests it gives exactly the rewards the real service gives over HTTP.
/// </summary>
public sealed class LocalRewardSourceTests
{
    private static readonly TaskItem Task = new("7 * 6", "What is 7 * 6?", "prompt", TaskKind.Math, GoldAnswer: "42");

    private static readonly string[] Completions =
    [
        "<think>7 * 6 = 42</think><answer>42</answer>",
        "<think>7 * 6 = 43</think><answer>43</answer>",
        "<think>7 * 6</think> 42",
        "<answer>42</answer>",
        "<think>a</think><answer>42</answer> trailing",
        "<think>six sevens</think><answer>\\frac{84}{2}</answer>",
    ];

    [Fact]
    public async Task SameRequests_GetTheServicesRewards()
    {
        var requests = Completions.Select(c => new RewardRequest(Task, c)).ToList();
        await using var host = ServiceHost.Start();
        await using var remote = new VerifierRewardSource(new VerifierClient(new VerifierClientOptions { ApiKey = ServiceHost.ApiKey, Endpoints = { host.Address } }));

        var expected = await remote.ScoreAsync(requests);
        var local = await new LocalRewardSource().ScoreAsync(requests);

        Assert.Equal(expected, local);
        Assert.Contains(local, s => s.Reward == 2.0);
        Assert.Contains(local, s => s.Reward == 0.0);
    }

    [Fact]
    public async Task CodeTasks_AreRefused_NotScoredWithoutASandbox()
    {
        var code = new TaskItem("f", "q", "p", TaskKind.Code, Tests: ["assert f() == 1"], Language: "python", EntryPoint: "f");

        await Assert.ThrowsAsync<NotSupportedException>(() => new LocalRewardSource().ScoreAsync([new RewardRequest(code, "x")]));
    }
}
