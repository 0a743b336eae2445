using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Verifier.Contracts;

namespace Verifier.Sdk.Tests.DependencyInjection;

/// <summary>
/// A real HTTP server on loopback that answers every request with one accepted result, compressed with the
/// given encoding whatever the request asked for (as a compressing proxy in front of the service may), and
/// records the Accept-Encoding each request carried.
/// </summary>
internal sealed class CompressingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _encoding;

    private CompressingServer(WebApplication app, string encoding)
    {
        _app = app;
        _encoding = encoding;
        _app.MapFallback(AnswerAsync);
    }

    public Uri Address => new(_app.Urls.First());

    public ConcurrentQueue<string> AcceptEncodings { get; } = new();

    public static async Task<CompressingServer> StartAsync(string encoding)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new CompressingServer(builder.Build(), encoding);
        await server._app.StartAsync();
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        AcceptEncodings.Enqueue(context.Request.Headers.AcceptEncoding.ToString());
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new VerifyResponse { Results = [new VerifyResult { Verdict = Verdicts.Accepted, Reward = 1.0 }] },
            VerifierJsonContext.Default.VerifyResponse);
        using var body = new MemoryStream();
        await using (var compressor = Compressor(body))
        {
            await compressor.WriteAsync(json);
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentEncoding = _encoding;
        await context.Response.Body.WriteAsync(body.ToArray());
    }

    private Stream Compressor(Stream into) => _encoding switch
    {
        "gzip" => new GZipStream(into, CompressionLevel.Fastest, leaveOpen: true),
        "br" => new BrotliStream(into, CompressionLevel.Fastest, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(into), _encoding, "gzip or br"),
    };

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
