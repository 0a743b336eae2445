using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Verifier.Service.Pipeline;

/// <summary>
/// Reads a request body into memory under a hard byte limit, so that an oversized body is refused as a
/// 413 that names the limit rather than buffered without bound.
/// </summary>
internal static class RequestBodyReader
{
    public static async Task<(byte[]? Body, bool TooLarge)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return (null, true);
        }

        // The server's own limit would throw mid-read; ours is checked while reading instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return (buffer.WrittenSpan.ToArray(), false);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, true);
            }
        }
    }
}
