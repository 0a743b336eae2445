using Verifier.Contracts;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Apis;

/// <summary>What is specific to <c>POST /v1/run</c>: run the admitted programs and write their results; the rest is the shared pipeline's.</summary>
internal sealed class RunHandler(RunBatch batch, VerifierMetrics metrics)
{
    public static readonly PipelineSpec<RunRequest> Spec = new("run", VerifierJsonContext.Default.RunRequest, r => r.Items.Count)
    {
        Replay = stored => Results.Bytes(stored, "application/json"),
    };

    public async Task<IResult> RunAsync(HttpContext context)
    {
        var request = context.PipelineRequest<RunRequest>();
        using var activity = VerifierMetrics.Activities.StartActivity("run");
        activity?.SetTag("verifier.items", request.Request.Items.Count);
        return await BufferedReply.SendAsync(
            context,
            Spec.Route,
            VerifierJsonContext.Default.RunResponse,
            metrics,
            async aborted => new RunResponse { Results = await batch.RunAsync(request.Request.Items, request.Tenant, aborted) });
    }
}
