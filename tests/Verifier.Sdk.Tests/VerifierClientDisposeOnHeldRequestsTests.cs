using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verifier.Sdk.DependencyInjection;

namespace Verifier.Sdk.Tests;

/// <summary>
/// Disposing a client cancels the calls still running and waits for them; each such caller gets an
/// <see cref="ObjectDisposedException"/> naming the client, never an error from the client's insides.
/// </summary>
public sealed class VerifierClientDisposeOnHeldRequestsTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DisposeOrDisposeAsync_WithABatchInFlight_CancelsIt_AndItsCallerSeesObjectDisposed(bool asynchronously)
    {
        var held = new HoldingHandler();
        var options = Items.Options(Nowhere);
        options.MaxBatchDelay = TimeSpan.Zero;
        var client = new VerifierClient(new HttpClient(held), options);
        var call = client.VerifyAsync(Items.Math(1)[0]);
        await Bounded.Wait(held.Arrived, "the batch was never sent");
        var dispose = asynchronously ? "DisposeAsync" : "Dispose";

        await Bounded.Wait(asynchronously ? client.DisposeAsync().AsTask() : Task.Run(client.Dispose), $"{dispose} did not finish");

        Assert.True(call.IsCompleted, $"{dispose} returned while a batch it had accepted was still in flight");
        await AssertDisposedAsync(() => call);
    }

    [Fact]
    public async Task DisposeAsync_WithAnItemWaitingForItsBatch_FailsItWithoutSendingIt()
    {
        var held = new HoldingHandler();
        var options = Items.Options(Nowhere);
        // On a clock that never moves, the batch would never leave by itself.
        options.MaxBatchDelay = TimeSpan.FromSeconds(1);
        var client = new VerifierClient(new HttpClient(held), options, new FakeTimeProvider());
        var call = client.VerifyAsync(Items.Math(1)[0]);

        await Bounded.Wait(client.DisposeAsync().AsTask(), "DisposeAsync did not finish");

        await AssertDisposedAsync(() => call);
        Assert.Equal(0, held.Requests);
    }

    [Fact]
    public async Task DisposeAsync_WithVerifyManyInFlight_CancelsIt_AndItsCallerSeesObjectDisposed()
    {
        var held = new HoldingHandler();
        var client = new VerifierClient(new HttpClient(held), Items.Options(Nowhere));
        var call = client.VerifyManyAsync(Items.Math(3));
        await Bounded.Wait(held.Arrived, "the batch was never sent");

        await Bounded.Wait(client.DisposeAsync().AsTask(), "DisposeAsync did not finish");

        await AssertDisposedAsync(() => call);
    }

    [Fact]
    public async Task DisposeAsync_WithAStreamInFlight_EndsTheStreamWithObjectDisposed()
    {
        var held = new HoldingHandler();
        var client = new VerifierClient(new HttpClient(held), Items.Options(Nowhere));
        var stream = client.StreamAsync(Items.Math(3)).GetAsyncEnumerator();
        var next = stream.MoveNextAsync().AsTask();
        await Bounded.Wait(held.Arrived, "the stream's request was never sent");

        await Bounded.Wait(client.DisposeAsync().AsTask(), "DisposeAsync did not finish");

        await AssertDisposedAsync(() => next);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task AContainerDisposedSynchronously_DisposesTheClientItBuilt()
    {
        var services = new ServiceCollection();
        services.AddVerifierClient(o =>
        {
            o.Endpoints.Add(Nowhere);
            o.ApiKey = "k";
        });
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<VerifierClient>();

        provider.Dispose();

        await AssertDisposedAsync(() => client.VerifyManyAsync(Items.Math(1)));
    }

    [Fact]
    public async Task Calls_AfterDisposeAsync_ThrowObjectDisposed_AndDisposingAgainDoesNothing()
    {
        var held = new HoldingHandler();
        var client = new VerifierClient(new HttpClient(held), Items.Options(Nowhere));
        await client.DisposeAsync();

        await client.DisposeAsync();

        await AssertDisposedAsync(() => client.VerifyAsync(Items.Math(1)[0]));
        await AssertDisposedAsync(() => client.VerifyManyAsync(Items.Math(1)));
        Assert.Equal(0, held.Requests);
    }

    private static async Task AssertDisposedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(call);
        Assert.Equal(nameof(VerifierClient), error.ObjectName);
    }
}
