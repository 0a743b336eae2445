using System.Text.Json;
using System.Threading.Channels;
using Verifier.Contracts;

namespace Verifier.Sdk;

/// <summary>The stream's chunks, apart from the client's calls.</summary>
public partial class VerifierClient
{
    /// <summary>
    /// One chunk of a stream. If the connection breaks mid-stream, only the items not yet received are sent
    /// again (under a new idempotency key, since the body differs), so nothing is lost or yielded twice.
    /// </summary>
    private sealed class StreamedChunk(VerifierClient owner, IReadOnlyList<VerifyItem> items, (int Start, int Count) chunk)
    {
        private readonly HashSet<int> _remaining = [.. Enumerable.Range(chunk.Start, chunk.Count)];

        public async Task RunAsync(ChannelWriter<VerifyResult> output, CancellationToken cancellationToken)
        {
            Exception? last = null;
            for (var attempt = 0; attempt <= owner._options.MaxRetryAttempts && _remaining.Count > 0; attempt++)
            {
                var indices = _remaining.Order().ToArray();
                try
                {
                    await StreamOnceAsync(indices, output, cancellationToken).ConfigureAwait(false);
                    if (_remaining.Count > 0)
                    {
                        last = new IOException($"the stream ended with {_remaining.Count} result(s) missing");
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
                {
                    last = e;
                }
                catch (VerifierUnavailableException e)
                {
                    last = e;
                    break;
                }
            }

            if (_remaining.Count == 0)
            {
                return;
            }

            if (owner._options.ThrowWhenUnavailable)
            {
                throw new VerifierUnavailableException($"streaming failed: {last?.Message}", last);
            }

            foreach (var index in _remaining.Order().ToArray())
            {
                await output.WriteAsync(Unavailable(items[index], index, last ?? new IOException("stream failed")), cancellationToken).ConfigureAwait(false);
            }

            _remaining.Clear();
        }

        private async Task StreamOnceAsync(int[] indices, ChannelWriter<VerifyResult> output, CancellationToken cancellationToken)
        {
            var batch = indices.Select(i => items[i]).ToArray();
            var body = JsonSerializer.SerializeToUtf8Bytes(new VerifyRequest { Items = batch }, VerifierJsonContext.Default.VerifyRequest);
            await owner._inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                owner._metrics.Sent(batch.Length);
                using var response = await owner._transport.SendAsync(StreamPath, body, NewKey(), streaming: true, cancellationToken).ConfigureAwait(false);
                using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    var result = JsonSerializer.Deserialize(line, VerifierJsonContext.Default.VerifyResult)!;
                    if (result.Index < 0 || result.Index >= indices.Length)
                    {
                        throw new JsonException($"result index {result.Index} is outside the request");
                    }

                    var global = indices[result.Index];
                    if (IsRetryable(result) && _remaining.Contains(global))
                    {
                        // Sent again on the next attempt, to a replica that is not stopping.
                        continue;
                    }

                    if (_remaining.Remove(global))
                    {
                        await output.WriteAsync(result with { Index = global }, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                owner._inFlight.Release();
            }
        }
    }
}
