using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Verifier.Service.Pipeline;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Apis;

/// <summary>
/// The end of a buffered batch endpoint: run the work, store the response for idempotent retries, count the request
/// as ok or aborted, and answer 200 with the response.
/// </summary>
internal static class BufferedReply
{
    public static async Task<IResult> SendAsync<TResponse>(
        HttpContext context, string route, JsonTypeInfo<TResponse> json, VerifierMetrics metrics, Func<CancellationToken, Task<TResponse>> work)
    {
        var ticket = context.IdempotencyTicket();
        try
        {
            var response = await work(context.RequestAborted);
            ticket?.Complete(JsonSerializer.SerializeToUtf8Bytes(response, json));
            metrics.Request(route, "ok");
            return TypedResults.Ok(response);
        }
        catch
        {
            metrics.Request(route, "aborted");
            throw;
        }
    }
}
