using System.Text.Json.Serialization.Metadata;

namespace Verifier.Service.Pipeline;

/// <summary>What an endpoint tells the shared request steps about the requests it takes.</summary>
/// <param name="Route">The endpoint's name in metrics (<c>verifier.requests{route}</c>).</param>
/// <param name="Json">How its body is parsed (source-generated, so nothing reflects at run time).</param>
/// <param name="Units">How much admission control charges a request: its item count, for a batch.</param>
internal sealed record PipelineSpec<TRequest>(string Route, JsonTypeInfo<TRequest> Json, Func<TRequest, int> Units)
    where TRequest : class
{
    /// <summary>
    /// How a stored response is replayed to a retry that sent the same Idempotency-Key; null leaves the endpoint
    /// without idempotency (the header is then ignored).
    /// </summary>
    public Func<byte[], IResult>? Replay { get; init; }
}
