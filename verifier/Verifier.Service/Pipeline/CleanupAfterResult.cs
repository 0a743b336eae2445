namespace Verifier.Service.Pipeline;

/// <summary>
/// Runs a step's cleanup after the endpoint's result has been written, not when the handler returns: a streaming
/// result does its work while it writes, so the admission lease, the in-flight mark and an unsettled idempotency
/// ticket must outlive the handler.
/// </summary>
internal sealed class CleanupAfterResult(IResult inner, Action cleanup) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public IResult Inner => inner;

    /// <summary>The same cleanup after another result (this one is then never executed, so the cleanup still runs once).</summary>
    public CleanupAfterResult WithInner(IResult replacement) => new(replacement, cleanup);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await inner.ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        finally
        {
            cleanup();
        }
    }

    /// <summary>Calls the next step and ties <paramref name="cleanup"/> to whatever it produces, or runs it now if it fails.</summary>
    public static async ValueTask<object?> AroundAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Action cleanup)
    {
        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch
        {
            cleanup();
            throw;
        }

        if (result is IResult written)
        {
            return new CleanupAfterResult(written, cleanup);
        }

        // A plain value is serialised after the filters; nothing of it runs later than now.
        cleanup();
        return result;
    }
}
