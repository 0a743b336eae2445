using System.Security.Cryptography;
using Verifier.Service.Idempotency;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Pipeline;

/// <summary>
/// A retry that sends the same Idempotency-Key and body gets the stored response instead of a second run; the same
/// key with another body is a 422. Runs before admission, so a replay never takes capacity. The request that runs
/// the work holds the ticket: the handler completes it with the response, and an attempt that ends without doing so
/// gives the key back to the retries waiting on it.
/// </summary>
internal sealed class IdempotencyFilter<TRequest>(string route, Func<byte[], IResult> replay) : IEndpointFilter
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var idempotency = http.RequestServices.GetRequiredService<IdempotencyCache>();
        if (!idempotency.Enabled || http.Request.Headers[IdempotencyCache.Header] is not [{ Length: > 0 } key])
        {
            return await next(context).ConfigureAwait(false);
        }

        var metrics = http.RequestServices.GetRequiredService<VerifierMetrics>();
        if (key.Length > idempotency.MaxKeyLength)
        {
            metrics.Request(route, "invalid");
            return Problems.InvalidIdempotencyKey($"at most {idempotency.MaxKeyLength} characters, got {key.Length}");
        }

        var request = http.PipelineRequest<TRequest>();
        var claimed = await idempotency.ClaimAsync(request.Tenant, key, SHA256.HashData(request.Body), http.RequestAborted).ConfigureAwait(false);
        if (claimed.IsConflict)
        {
            metrics.Request(route, "idempotency_conflict");
            return Problems.IdempotencyConflict();
        }

        if (claimed.Ticket is not { } ticket)
        {
            metrics.Replayed();
            metrics.Request(route, "replayed");
            return replay(await claimed.Stored!.ConfigureAwait(false) ?? throw new InvalidOperationException("a settled claim has a response"));
        }

        http.Features.Set(ticket);

        // A ticket settles once: after the handler completed it with the response, this abandon does nothing.
        return await CleanupAfterResult.AroundAsync(context, next, ticket.Abandon).ConfigureAwait(false);
    }
}

internal static class IdempotencyTicketExtensions
{
    /// <summary>The ticket of this request's Idempotency-Key, when it carried one and owns the work.</summary>
    internal static IdempotencyCache.IdempotencyTicket? IdempotencyTicket(this HttpContext context) =>
        context.Features.Get<IdempotencyCache.IdempotencyTicket>();
}
