using System.Net;

namespace Verifier.Sdk.Transport;

/// <summary>
/// How the client's HTTP stack is built, in one place: the client that builds its own HttpClient and the one
/// registered with IHttpClientFactory must speak HTTP alike (they once drifted, and only one decompressed).
/// </summary>
internal static class VerifierHttp
{
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // Connections are renewed now and then, so a replica that moved (a DNS change) is found again.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 256,
        // Results compress well, and a proxy in front of the service may compress whatever was asked.
        AutomaticDecompression = DecompressionMethods.All,
    };

    /// <summary>Timeouts are the resilience pipeline's; the client's own would cut streams short.</summary>
    public static void Configure(HttpClient http) => http.Timeout = Timeout.InfiniteTimeSpan;
}
