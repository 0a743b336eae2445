using System.Collections.Concurrent;
using System.Net;

namespace Verifier.Sdk.Tests;

/// <summary>
/// Sits between the SDK and the real service and breaks chosen attempts: by failing before sending, by
/// answering with a status, or by letting the request through and losing the response.
/// </summary>
internal sealed class FaultInjectingHandler(Func<HttpRequestMessage, int, Fault> plan) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _attempts;

    public ConcurrentQueue<(string Path, string? IdempotencyKey, HttpStatusCode? Status)> Log { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        var fault = plan(request, attempt);
        switch (fault.Kind)
        {
            case FaultKind.ConnectionRefused:
                Log.Enqueue((request.RequestUri!.AbsolutePath, key, null));
                throw new HttpRequestException("injected: connection refused");
            case FaultKind.Status:
                Log.Enqueue((request.RequestUri!.AbsolutePath, key, fault.Status));
                var injected = new HttpResponseMessage(fault.Status!.Value) { RequestMessage = request };
                if (fault.RetryAfter is { } after)
                {
                    injected.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
                }

                return injected;
            case FaultKind.LoseResponse:
                using (var lost = await base.SendAsync(request, cancellationToken))
                {
                    await lost.Content.LoadIntoBufferAsync(cancellationToken);
                    Log.Enqueue((request.RequestUri!.AbsolutePath, key, lost.StatusCode));
                }

                throw new HttpRequestException("injected: the connection dropped before the response arrived");
            default:
                var response = await base.SendAsync(request, cancellationToken);
                Log.Enqueue((request.RequestUri!.AbsolutePath, key, response.StatusCode));
                return response;
        }
    }
}

internal enum FaultKind
{
    None,
    ConnectionRefused,
    Status,
    LoseResponse,
}

internal readonly record struct Fault(FaultKind Kind, HttpStatusCode? Status = null, TimeSpan? RetryAfter = null)
{
    public static Fault None => new(FaultKind.None);

    public static Fault Refuse => new(FaultKind.ConnectionRefused);

    public static Fault Lose => new(FaultKind.LoseResponse);

    public static Fault With(HttpStatusCode status, TimeSpan? retryAfter = null) => new(FaultKind.Status, status, retryAfter);
}
