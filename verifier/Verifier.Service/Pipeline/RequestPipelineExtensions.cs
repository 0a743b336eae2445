namespace Verifier.Service.Pipeline;

internal static class RequestPipelineExtensions
{
    /// <summary>
    /// Puts the steps every scoring endpoint shares in front of this one, in the order that keeps costly work last:
    /// drain check, body size, parse and validation, idempotency (when <see cref="PipelineSpec{TRequest}.Replay"/> is
    /// set), admission. Each refusal is a ProblemDetails and a <c>verifier.requests</c> outcome; the handler then reads
    /// the request with <see cref="PipelineRequestExtensions.PipelineRequest{TRequest}"/> and records its own outcome.
    /// </summary>
    public static RouteHandlerBuilder WithRequestPipeline<TRequest>(this RouteHandlerBuilder endpoint, PipelineSpec<TRequest> spec)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(spec);
        endpoint.AddEndpointFilter(new DrainFilter(spec.Route));
        endpoint.AddEndpointFilter(new BodyFilter<TRequest>(spec));
        if (spec.Replay is { } replay)
        {
            endpoint.AddEndpointFilter(new IdempotencyFilter<TRequest>(spec.Route, replay));
        }

        endpoint.AddEndpointFilter(new AdmissionFilter<TRequest>(spec));
        return endpoint;
    }
}
