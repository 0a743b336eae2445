using Microsoft.Extensions.Options;
using Verifier.Sandbox;
using Verifier.Service.Apis;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Compat.SandboxFusion;

/// <summary>SandboxFusion's <c>POST /run_code</c>: one program through <c>/v1/run</c>'s batch, in its request and response shapes.</summary>
internal sealed class RunCodeHandler(RunBatch batch, VerifierMetrics metrics, IOptions<SandboxOptions> sandbox)
{
    /// <summary>No idempotency: SandboxFusion's clients send no Idempotency-Key, and a run is not a reward.</summary>
    public static readonly PipelineSpec<RunCodeRequest> Spec = new("sandboxfusion", CompatJsonContext.Default.RunCodeRequest, _ => 1);

    public async Task<IResult> RunAsync(HttpContext context)
    {
        var request = context.PipelineRequest<RunCodeRequest>();
        var item = RunCodeTranslation.ToRunItem(request.Request, sandbox.Value);
        using var activity = VerifierMetrics.Activities.StartActivity("run_code");
        activity?.SetTag("verifier.language", item.Language);
        return await BufferedReply.SendAsync(
            context,
            Spec.Route,
            CompatJsonContext.Default.RunCodeResponse,
            metrics,
            async aborted => RunCodeTranslation.ToResponse((await batch.RunAsync([item], request.Tenant, aborted))[0], item.Language));
    }
}
