namespace Verifier.Service.Pipeline;

/// <summary>A request that passed the body, parse and validation steps: the handler reads it from here.</summary>
/// <param name="Body">The raw body, kept for the idempotency hash (the parsed form is not canonical).</param>
internal sealed record PipelineRequest<TRequest>(TRequest Request, byte[] Body, string Tenant)
    where TRequest : class;

internal static class PipelineRequestExtensions
{
    /// <summary>The request the pipeline parsed and validated for this endpoint.</summary>
    public static PipelineRequest<TRequest> PipelineRequest<TRequest>(this HttpContext context)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<PipelineRequest<TRequest>>()
            ?? throw new InvalidOperationException($"the endpoint has no request pipeline for {typeof(TRequest).Name}; add WithRequestPipeline");
    }
}
