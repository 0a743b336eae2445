using System.Net;
using System.Text.Json;
using Verifier.Sdk.Telemetry;

namespace Verifier.Sdk.Transport;

internal static class Failures
{
    public static async Task<Exception> FromResponseAsync(HttpResponseMessage response, string path, bool retryable, CancellationToken cancellationToken)
    {
        ProblemDetailsPayload? problem = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                problem = JsonSerializer.Deserialize(body, SdkJsonContext.Default.ProblemDetailsPayload);
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status alone must do.
        }

        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase;
        var fields = problem?.Errors is { Count: > 0 } errors
            ? " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")) + ")"
            : "";
        var message = $"{path} returned {(int)response.StatusCode} {response.StatusCode}: {detail}{fields}";
        return retryable
            ? new VerifierUnavailableException(message, null, response.StatusCode, problem)
            : new VerifierRequestFailedException(response.StatusCode, problem, message);
    }
}
