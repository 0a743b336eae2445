using Verifier.Contracts;

namespace Verifier.Sdk.Tests;

/// <summary>The SDK's raw runs against the real service: batches split, results back in input order, through the same transport as verify.</summary>
public sealed class RunManyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task RunManyAsync_ReturnsEachProgramsOutputInInputOrder_SplittingIntoBatches()
    {
        var counter = new FaultInjectingHandler((_, _) => Fault.None);
        var options = Items.Options(fixture.Host.Address);
        options.MaxBatchSize = 2;
        await using var client = new VerifierClient(new HttpClient(counter), options);
        var items = Enumerable.Range(0, 5)
            .Select(i => new RunItem { Id = $"r{i}", Language = "python", Code = "print(int(input()) ** 2)", Stdin = $"{i}\n" })
            .ToArray();

        var results = await client.RunManyAsync(items);

        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => (i, $"r{i}", "ok", $"{i * i}\n")),
            results.Select(r => (r.Index, r.Id!, r.Status, r.Run!.Stdout)));
        Assert.Equal(3, counter.Attempts);
    }
}
