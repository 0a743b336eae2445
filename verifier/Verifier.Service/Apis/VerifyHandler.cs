using System.Text.Json;
using System.Threading.Channels;
using Verifier.Contracts;
using Verifier.Service.Idempotency;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Apis;

/// <summary>
/// What is specific to verify: run the batch the pipeline admitted and write its results, buffered or as NDJSON
/// lines, and settle the idempotency ticket with the response. Drain, limits, parsing, validation, idempotency and
/// admission are the shared pipeline's (<see cref="RequestPipelineExtensions.WithRequestPipeline{TRequest}"/>).
/// </summary>
internal sealed class VerifyHandler(BatchRunner runner, VerifierMetrics metrics)
{
    public static readonly PipelineSpec<VerifyRequest> Buffered = new("verify", VerifierJsonContext.Default.VerifyRequest, r => r.Items.Count)
    {
        Replay = stored => Results.Bytes(stored, "application/json"),
    };

    public static readonly PipelineSpec<VerifyRequest> Streamed = new("stream", VerifierJsonContext.Default.VerifyRequest, r => r.Items.Count)
    {
        Replay = stored => new NdjsonReplayResult(stored),
    };

    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task<IResult> VerifyAsync(HttpContext context)
    {
        var request = context.PipelineRequest<VerifyRequest>();
        using var activity = VerifierMetrics.Activities.StartActivity("verify");
        activity?.SetTag("verifier.items", request.Request.Items.Count);
        return await BufferedReply.SendAsync(
            context,
            Buffered.Route,
            VerifierJsonContext.Default.VerifyResponse,
            metrics,
            async aborted => new VerifyResponse { Results = await runner.RunAsync(request.Request.Items, request.Tenant, onResult: null, aborted) });
    }

    public IResult Stream(HttpContext context)
    {
        var request = context.PipelineRequest<VerifyRequest>();
        return new NdjsonStreamResult(request.Request.Items, request.Tenant, runner, context.IdempotencyTicket(), metrics);
    }

    /// <summary>Writes each result as one NDJSON line the moment it is ready.</summary>
    private sealed class NdjsonStreamResult(
        IReadOnlyList<VerifyItem> items,
        string tenant,
        BatchRunner runner,
        IdempotencyCache.IdempotencyTicket? ticket,
        VerifierMetrics metrics) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
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
                metrics.Request(Streamed.Route, "ok");
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                metrics.Request(Streamed.Route, "aborted");
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
