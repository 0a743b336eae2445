using Microsoft.AspNetCore.Http.HttpResults;
using Verifier.Contracts;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Apis;

public static class VerifyApi
{
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization().WithTags("Verify");

        v1.MapPost("/verify", (HttpContext context, VerifyHandler handler) => handler.VerifyAsync(context))
            .WithRequestPipeline(VerifyHandler.Buffered)
            .WithName("Verify")
            .WithSummary("Scores a batch of completions; results come back in request order.")
            .Accepts<VerifyRequest>("application/json")
            .Produces<VerifyResponse>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        v1.MapPost("/verify/stream", (HttpContext context, VerifyHandler handler) => handler.Stream(context))
            .WithRequestPipeline(VerifyHandler.Streamed)
            .WithName("VerifyStream")
            .WithSummary("Scores a batch, writing one NDJSON result line (with its item index) as each item finishes.")
            .Accepts<VerifyRequest>("application/json")
            .Produces<VerifyResult>(contentType: "application/x-ndjson")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        v1.MapGet("/languages", GetLanguages)
            .WithName("Languages")
            .WithSummary("The code languages and the test kinds each supports.");

        return app;
    }

    private static Ok<LanguagesResponse> GetLanguages(Scoring.ICodeScorer code) =>
        TypedResults.Ok(new LanguagesResponse { Languages = code.Describe() });
}
