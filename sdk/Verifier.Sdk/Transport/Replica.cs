using Polly;

namespace Verifier.Sdk.Transport;

/// <summary>One verifier endpoint: its own circuit breaker, its load, and whether it is in rotation.</summary>
internal sealed class Replica(Uri baseUri, ResiliencePipeline<HttpResponseMessage> pipeline)
{
    private int _inFlight;
    private int _down;

    public Uri BaseUri { get; } = baseUri;

    /// <summary>Circuit breaker, then the per-attempt timeout.</summary>
    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = pipeline;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsUp => Volatile.Read(ref _down) == 0;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Returns true when this call took the replica out of rotation.</summary>
    public bool MarkDown() => Interlocked.Exchange(ref _down, 1) == 0;

    public bool MarkUp() => Interlocked.Exchange(ref _down, 0) == 1;

    public override string ToString() => BaseUri.ToString();
}
