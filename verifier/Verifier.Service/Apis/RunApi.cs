using Verifier.Contracts;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Apis;

public static class RunApi
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").RequireAuthorization().WithTags("Run")
            .MapPost("/run", (HttpContext context, RunHandler handler) => handler.RunAsync(context))
            .WithRequestPipeline(RunHandler.Spec)
            .WithName("Run")
            .WithSummary("Runs a batch of programs with their stdin, no tests and no reward; results come back in request order.")
            .Accepts<RunRequest>("application/json")
            .Produces<RunResponse>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
