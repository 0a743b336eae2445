using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Verifier.Sdk.Telemetry;

namespace Verifier.Sdk.Transport;

/// <summary>
/// Sends one logical request with retries across replicas. The outer pipeline holds the total timeout and
/// the retry (exponential backoff with jitter, or the server's Retry-After); each attempt goes to a replica
/// picked afresh, through that replica's circuit breaker and attempt timeout. Every attempt of a logical
/// request carries the same Idempotency-Key, so a retry after a lost response does not run code twice.
/// </summary>
internal sealed class ResilientTransport(HttpClient http, ReplicaSet replicas, VerifierClientOptions options, TimeProvider time, SdkMetrics metrics)
{
    private static readonly ResiliencePropertyKey<Replica?> LastFailed = new("verifier.last-failed-replica");
    private static readonly ResiliencePropertyKey<string> Route = new("verifier.route");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = BuildPipeline(options, time, metrics);

    /// <summary>
    /// Returns a successful response (2xx), its body buffered unless <paramref name="streaming"/>. A 4xx other
    /// than 408/429 throws <see cref="VerifierRequestFailedException"/> at once: retrying cannot fix it.
    /// When retries run out, throws <see cref="VerifierUnavailableException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        string path, ReadOnlyMemory<byte> body, string idempotencyKey, bool streaming, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Route, path);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Self.AttemptAsync(ctx, state.Path, state.Body, state.Key, state.Streaming).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                (Self: this, Path: path, Body: body, Key: idempotencyKey, Streaming: streaming)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                ThrowFailure(exception, path, cancellationToken);
            }

            var response = outcome.Result!;
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                throw await Failures.FromResponseAsync(response, path, retryable: IsTransientStatus(response.StatusCode), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// What the caller sees when no attempt succeeded: its own cancellation as it was, else unavailability.
    /// (Polly's timeout strategies mostly hand back a fresh cancellation of their own, stack set where they made
    /// it, with the original inside; one that was really thrown must keep the stack of where it was thrown.)
    /// </summary>
    [DoesNotReturn]
    internal static void ThrowFailure(Exception exception, string path, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(exception);
        }

        throw new VerifierUnavailableException($"no verifier replica answered {path}: {exception.Message}", exception);
    }

    private async Task<HttpResponseMessage> AttemptAsync(ResilienceContext context, string path, ReadOnlyMemory<byte> body, string key, bool streaming)
    {
        var replica = replicas.Pick(context.Properties.GetValue(LastFailed, null));
        replica.Enter();
        try
        {
            var response = await replica.Pipeline.ExecuteAsync(
                async token =>
                {
                    // A fresh content per attempt: sending disposes the request and its content.
                    var content = new ReadOnlyMemoryContent(body);
                    content.Headers.ContentType = JsonContentType;
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.BaseUri, path)) { Content = content };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                    var sent = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    if (!streaming)
                    {
                        // Read the body inside the attempt, so a connection lost mid-body is retried too.
                        await sent.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                    }

                    return sent;
                },
                context.CancellationToken).ConfigureAwait(false);

            if (ReplicaSet.IsReplicaFailure(Outcome.FromResult(response)))
            {
                replicas.MarkDown(replica, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.Properties.Set(LastFailed, replica);
            }

            metrics.Response(replica.BaseUri, (int)response.StatusCode);
            return response;
        }
        catch (Exception e) when (ReplicaSet.IsReplicaFailure(Outcome.FromException<HttpResponseMessage>(e)) && !context.CancellationToken.IsCancellationRequested)
        {
            replicas.MarkDown(replica, e.GetType().Name);
            context.Properties.Set(LastFailed, replica);
            metrics.Response(replica.BaseUri, 0);
            throw;
        }
        finally
        {
            replica.Leave();
        }
    }

    internal static bool IsTransientStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(VerifierClientOptions options, TimeProvider time, SdkMetrics metrics)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } when args.Context.CancellationToken.IsCancellationRequested => false,
                    { Exception: HttpRequestException or TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or IOException } => true,
                    { Result: { } response } => IsTransientStatus(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    metrics.Retried(args.Context.Properties.GetValue(Route, ""), args.Outcome.Result is { } r ? (int)r.StatusCode : 0);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>The server's Retry-After, capped; null lets the exponential backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, cap.Ticks)) : null;
    }
}
