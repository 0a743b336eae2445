namespace Verifier.Sdk.Tests;

/// <summary>
/// Holds every request until its cancellation token fires, and says when the first one arrives: a send that
/// stays in flight for exactly as long as a test needs, with no clock involved.
/// </summary>
internal sealed class HoldingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    public Task Arrived => _arrived.Task;

    public int Requests => Volatile.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        _arrived.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("an infinite delay ended without being cancelled");
    }
}
