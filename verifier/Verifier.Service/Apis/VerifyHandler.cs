using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Service.Admission;
using Verifier.Service.Auth;
using Verifier.Service.Idempotency;
using Verifier.Service.Limits;
using Verifier.Service.Scoring;
using Verifier.Service.Shutdown;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Apis;

/// <summary>
/// One verify request, from raw body to results: drain check, size limit, parse, validation, idempotency,
/// admission, then the batch. The order matters: nothing costly happens before the request is known to be
/// valid and admitted, and a retry with a stored result never reaches admission at all.
/// </summary>
internal sealed class VerifyHandler(
    IOptions<RequestLimits> limits,
    RequestValidator validator,
    AdmissionController admission,
    IdempotencyCache idempotency,
    BatchRunner runner,
    ShutdownDrain drain,
    VerifierMetrics metrics)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task<IResult> HandleAsync(HttpContext context, bool stream)
    {
        var route = stream ? "stream" : "verify";
        var aborted = context.RequestAborted;
        if (drain.IsDraining)
        {
            metrics.Request(route, "draining");
            return Problems.Unavailable("the service is shutting down; retry on another replica", 1);
        }

        var (body, tooLarge) = await RequestBodyReader.ReadAsync(context.Request, limits.Value.MaxBodyBytes, aborted);
        if (tooLarge)
        {
            metrics.Request(route, "too_large");
            return Problems.BodyTooLarge(limits.Value.MaxBodyBytes);
        }

        VerifyRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, VerifierJsonContext.Default.VerifyRequest);
        }
        catch (JsonException e)
        {
            metrics.Request(route, "malformed");
            return Problems.MalformedJson(e.Path, e.Message);
        }

        var errors = validator.Validate(request);
        if (errors.Any)
        {
            metrics.Request(route, "invalid");
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Title = errors.TooLarge ? "Request too large" : "Invalid request",
                Status = errors.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            });
        }

        var items = request!.Items;
        var tenant = context.Tenant();
        IdempotencyCache.IdempotencyTicket? ticket = null;
        if (context.Request.Headers[IdempotencyHeader] is [{ Length: > 0 } key] && idempotency.Enabled)
        {
            if (key.Length > idempotency.MaxKeyLength)
            {
                metrics.Request(route, "invalid");
                return Problems.InvalidIdempotencyKey($"at most {idempotency.MaxKeyLength} characters, got {key.Length}");
            }

            var claimed = await ClaimAsync(tenant, key, SHA256.HashData(body!), aborted);
            if (claimed.Conflict)
            {
                metrics.Request(route, "idempotency_conflict");
                return Problems.IdempotencyConflict();
            }

            if (claimed.Stored is { } response)
            {
                metrics.Replayed();
                metrics.Request(route, "replayed");
                return stream ? new NdjsonReplayResult(response) : Results.Bytes(response, "application/json");
            }

            ticket = claimed.Ticket;
        }

        var admitted = admission.TryAdmit(tenant, items.Count);
        if (!admitted.IsAdmitted)
        {
            ticket?.Abandon();
            metrics.Request(route, "throttled");
            return Problems.TooManyRequests(admitted.Refusal!, admitted.RetryAfterSeconds);
        }

        return stream
            ? new NdjsonStreamResult(items, tenant, runner, drain, admitted.Lease!, ticket, metrics)
            : await RunBufferedAsync(items, tenant, admitted.Lease!, ticket, aborted);
    }

    /// <summary>
    /// Either the stored response, a conflict, or the ticket to do the work. When the attempt a retry waited on
    /// fails, the retry claims again: exactly one waiter becomes the owner and the others wait on it, so a batch never
    /// runs twice for one key.
    /// </summary>
    private async Task<(bool Conflict, byte[]? Stored, IdempotencyCache.IdempotencyTicket? Ticket)> ClaimAsync(
        string tenant, string key, byte[] hash, CancellationToken aborted)
    {
        while (true)
        {
            var claim = idempotency.Claim(tenant, key, hash);
            if (claim.IsConflict)
            {
                return (true, null, null);
            }

            if (claim.Ticket is { } ticket)
            {
                return (false, null, ticket);
            }

            if (await claim.Stored!.WaitAsync(aborted) is { } response)
            {
                return (false, response, null);
            }
        }
    }

    private async Task<IResult> RunBufferedAsync(
        IReadOnlyList<VerifyItem> items, string tenant, IDisposable lease, IdempotencyCache.IdempotencyTicket? ticket, CancellationToken aborted)
    {
        using var _ = lease;
        using var inFlight = drain.Enter();
        using var activity = VerifierMetrics.Activities.StartActivity("verify");
        activity?.SetTag("verifier.items", items.Count);
        try
        {
            var results = await runner.RunAsync(items, tenant, onResult: null, aborted);
            var response = new VerifyResponse { Results = results };
            ticket?.Complete(JsonSerializer.SerializeToUtf8Bytes(response, VerifierJsonContext.Default.VerifyResponse));
            metrics.Request("verify", "ok");
            return TypedResults.Ok(response);
        }
        catch
        {
            ticket?.Abandon();
            metrics.Request("verify", "aborted");
            throw;
        }
    }

    /// <summary>Writes each result as one NDJSON line the moment it is ready.</summary>
    private sealed class NdjsonStreamResult(
        IReadOnlyList<VerifyItem> items,
        string tenant,
        BatchRunner runner,
        ShutdownDrain drain,
        IDisposable lease,
        IdempotencyCache.IdempotencyTicket? ticket,
        VerifierMetrics metrics) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var _ = lease;
            using var inFlight = drain.Enter();
            var aborted = httpContext.RequestAborted;
            httpContext.Response.ContentType = "application/x-ndjson";
            httpContext.Response.Headers.CacheControl = "no-store";
            var lines = Channel.CreateUnbounded<VerifyResult>(new UnboundedChannelOptions { SingleReader = true });
            var run = RunAsync(lines.Writer, aborted);
            try
            {
                await httpContext.Response.StartAsync(aborted);
                await foreach (var result in lines.Reader.ReadAllAsync(aborted))
                {
                    await JsonSerializer.SerializeAsync(httpContext.Response.Body, result, VerifierJsonContext.Default.VerifyResult, aborted);
                    await httpContext.Response.Body.WriteAsync(Newline, aborted);
                    await httpContext.Response.Body.FlushAsync(aborted);
                }

                await run;
                metrics.Request("stream", "ok");
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                metrics.Request("stream", "aborted");
                await SwallowAsync(run);
            }
        }

        private async Task RunAsync(ChannelWriter<VerifyResult> writer, CancellationToken aborted)
        {
            try
            {
                var results = await runner.RunAsync(items, tenant, r => writer.TryWrite(r), aborted);
                ticket?.Complete(JsonSerializer.SerializeToUtf8Bytes(new VerifyResponse { Results = results }, VerifierJsonContext.Default.VerifyResponse));
                writer.TryComplete();
            }
            catch (Exception e)
            {
                ticket?.Abandon();
                writer.TryComplete(e);
                throw;
            }
        }

        private static async Task SwallowAsync(Task task)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                // The client went away; its items were cancelled with it.
            }
        }
    }

    /// <summary>Replays a stored response as NDJSON lines, in item order.</summary>
    private sealed class NdjsonReplayResult(byte[] stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = JsonSerializer.Deserialize(stored, VerifierJsonContext.Default.VerifyResponse)!;
            httpContext.Response.ContentType = "application/x-ndjson";
            foreach (var result in response.Results)
            {
                await JsonSerializer.SerializeAsync(httpContext.Response.Body, result, VerifierJsonContext.Default.VerifyResult, httpContext.RequestAborted);
                await httpContext.Response.Body.WriteAsync(Newline, httpContext.RequestAborted);
            }
        }
    }
}
