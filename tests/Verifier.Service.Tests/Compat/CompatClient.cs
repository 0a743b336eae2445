using System.Net;
using System.Text.Json.Nodes;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Compat;

/// <summary>Posts raw JSON the way the other projects' clients do (no Authorization header unless asked) and reads raw JSON back.</summary>
internal static class CompatClient
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(
        ServiceHost host, string path, string json, string? bearer = null)
    {
        var client = host.Client(bearer);
        var response = await client.PostAsync(path, Json.Body(json));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Posts and insists on 200, with the body in the failure message.</summary>
    public static async Task<JsonObject> OkAsync(ServiceHost host, string path, string json, string? bearer = null)
    {
        var (status, body, _) = await PostAsync(host, path, json, bearer);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body?.ToJsonString()}");
        return body!.AsObject();
    }

    /// <summary>FastAPI's 422: the body fields its <c>detail</c> list names (<c>loc[1]</c>).</summary>
    public static IReadOnlyList<string> InvalidFields(JsonNode? body) =>
        [.. body!["detail"]!.AsArray().Select(e => string.Join('.', e!["loc"]!.AsArray().Skip(1).Select(l => l!.ToString())))];
}
