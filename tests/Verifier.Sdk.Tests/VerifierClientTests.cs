using Microsoft.Extensions.DependencyInjection;
using Verifier.Contracts;
using Verifier.Sdk.DependencyInjection;
using Verifier.Sdk.Grpo;
using Verifier.TestSupport;

namespace Verifier.Sdk.Tests;

public sealed class ServiceFixture : IDisposable
{
    public ServiceHost Host { get; } = ServiceHost.Start();

    public void Dispose() => Host.Dispose();
}

public sealed class VerifierClientTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task VerifyManyAsync_ReturnsResultsInInputOrder_SplittingIntoBatches()
    {
        var counter = new FaultInjectingHandler((_, _) => Fault.None);
        var options = Items.Options(fixture.Host.Address);
        options.MaxBatchSize = 100;
        await using var client = new VerifierClient(new HttpClient(counter), options);
        var items = Items.Math(1000);

        var results = await client.VerifyManyAsync(items);

        Assert.Equal(1000, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal((i, $"m{i}", Items.ExpectedReward(i)), (results[i].Index, results[i].Id, results[i].Reward));
        }

        Assert.Equal(10, counter.Attempts);
        Assert.Equal(10, client.RequestsSent);
    }

    [Fact]
    public async Task VerifyAsync_ConcurrentCalls_AreMergedIntoFewRequests()
    {
        var counter = new FaultInjectingHandler((_, _) => Fault.None);
        var options = Items.Options(fixture.Host.Address);
        options.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        await using var client = new VerifierClient(new HttpClient(counter), options);
        var items = Items.Math(200);

        var results = await Task.WhenAll(items.Select(item => client.VerifyAsync(item)));

        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal((items[i].Id, Items.ExpectedReward(i)), (results[i].Id, results[i].Reward));
        }

        Assert.InRange(counter.Attempts, 1, 10);
    }

    [Fact]
    public async Task StreamAsync_YieldsEveryItemOnce()
    {
        await using var client = new VerifierClient(Items.Options(fixture.Host.Address));
        var items = Items.Math(300);

        var seen = new List<VerifyResult>();
        await foreach (var result in client.StreamAsync(items))
        {
            seen.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 300), seen.Select(r => r.Index).Order());
        Assert.All(seen, r => Assert.Equal(Items.ExpectedReward(r.Index), r.Reward));
    }

    [Fact]
    public async Task ScoreGroupsAsync_YieldsCompleteGroupsWithRewardsInCompletionOrder()
    {
        await using var client = new VerifierClient(Items.Options(fixture.Host.Address));
        var groups = Enumerable.Range(0, 8).Select(g => CompletionGroup.ForMath(
            $"p{g}",
            $"{g}",
            [$"<think>a</think><answer>{g}</answer>", $"<answer>{g + 1}</answer>", $"\\boxed{{{g}}}", "nothing"])).ToArray();

        var results = new List<GroupResult>();
        await foreach (var group in client.ScoreGroupsAsync(groups))
        {
            results.Add(group);
        }

        Assert.Equal(Enumerable.Range(0, 8), results.Select(r => r.GroupIndex).Order());
        Assert.All(results, r => Assert.Equal([2.0, 0.0, 1.0, 0.0], r.Rewards));
        Assert.All(results, r => Assert.Equal($"p{r.GroupIndex}/1", r.Results[1].Id));
    }

    [Fact]
    public async Task VerifyManyAsync_WhenCancelled_Throws()
    {
        await using var client = new VerifierClient(Items.Options(fixture.Host.Address));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.VerifyManyAsync([Items.SlowPython(10)], cancel.Token));
    }

    [Fact]
    public async Task VerifyManyAsync_InvalidItem_ThrowsWithTheFieldsProblem()
    {
        await using var client = new VerifierClient(Items.Options(fixture.Host.Address));

        var error = await Assert.ThrowsAsync<VerifierRequestFailedException>(
            () => client.VerifyManyAsync([new VerifyItem { Completion = "x", Math = new MathSpec { Gold = "" } }]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("items[0].math.gold", error.Problem!.Errors!.Keys);
    }

    [Fact]
    public async Task AddVerifierClient_ResolvesAWorkingClientFromTheHttpClientFactory()
    {
        var services = new ServiceCollection();
        services.AddVerifierClient(o =>
        {
            o.Endpoints.Add(fixture.Host.Address);
            o.ApiKey = ServiceHost.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<VerifierClient>();
        var result = await client.VerifyAsync(Items.Math(2)[1]);

        Assert.Equal(1.0, result.Reward);
    }

    [Fact]
    public void Options_WithoutEndpoints_AreRejectedAtConstruction()
    {
        var options = new VerifierClientOptions { ApiKey = "k" };

        Assert.ThrowsAny<System.ComponentModel.DataAnnotations.ValidationException>(() => new VerifierClient(options));
    }
}
