using System.Diagnostics;
using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk;

public partial class VerifierClient
{
    private const string RunPath = "v1/run";

    /// <summary>
    /// Runs programs as they are (<c>POST /v1/run</c>: no tests, no reward), split into batches sent concurrently with
    /// the same retries, replicas and idempotency as verify; results in input order, <c>Index</c> the input position.
    /// </summary>
    public virtual async Task<IReadOnlyList<RunResult>> RunManyAsync(IReadOnlyList<RunItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        EnterOrThrow();
        try
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _work.Stopping);
            var results = new RunResult[items.Count];
            await Task.WhenAll(Chunk(items.Count).Select(async chunk =>
            {
                var slice = items.Skip(chunk.Start).Take(chunk.Count).ToArray();
                var batch = await SendRunBatchAsync(slice, call.Token).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    results[chunk.Start + i] = batch[i] with { Index = chunk.Start + i };
                }
            })).ConfigureAwait(false);
            return results;
        }
        catch (OperationCanceledException) when (_work.IsStopping && !cancellationToken.IsCancellationRequested)
        {
            throw InFlightWork.Disposed();
        }
        finally
        {
            _work.Leave();
        }
    }

    /// <summary>As for verify: programs a stopping replica gave back (<c>cancelled</c>) go again, to any replica.</summary>
    private async Task<IReadOnlyList<RunResult>> SendRunBatchAsync(IReadOnlyList<RunItem> batch, CancellationToken cancellationToken)
    {
        var results = (await SendRunOnceAsync(batch, cancellationToken).ConfigureAwait(false)).ToArray();
        for (var attempt = 0; attempt < _options.MaxRetryAttempts; attempt++)
        {
            var again = Enumerable.Range(0, results.Length).Where(i => results[i].Status == Verdicts.Cancelled).ToArray();
            if (again.Length == 0)
            {
                break;
            }

            var retried = await SendRunOnceAsync([.. again.Select(i => batch[i])], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < again.Length; k++)
            {
                results[again[k]] = retried[k] with { Index = again[k] };
            }
        }

        return results;
    }

    private async Task<IReadOnlyList<RunResult>> SendRunOnceAsync(IReadOnlyList<RunItem> batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new RunRequest { Items = batch }, VerifierJsonContext.Default.RunRequest);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            _metrics.Sent(batch.Count);
            using var response = await _transport.SendAsync(RunPath, body, NewKey(), streaming: false, cancellationToken).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var parsed = JsonSerializer.Deserialize(payload, VerifierJsonContext.Default.RunResponse);
            if (parsed?.Results is not { } results || results.Count != batch.Count)
            {
                throw new VerifierRequestFailedException(response.StatusCode, null, $"the service answered {parsed?.Results?.Count ?? 0} results for {batch.Count} programs");
            }

            return results;
        }
        catch (VerifierUnavailableException e) when (!_options.ThrowWhenUnavailable)
        {
            return [.. batch.Select((item, i) => new RunResult { Index = i, Id = item.Id, Status = Verdicts.Error, Reason = $"verifier unavailable: {e.Message}" })];
        }
        finally
        {
            _metrics.Completed(Stopwatch.GetElapsedTime(started));
            _inFlight.Release();
        }
    }
}
