using System.Text.Json;
using Verifier.Contracts;
using Verifier.Service.Limits;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>
/// OpenRLHF's remote reward: each query's response (the query after its prompt) scored as a <c>/v1/verify</c> item
/// of the route's task, every item checked by verify's own validator, all of them in one batch.
/// </summary>
internal sealed partial class RewardHandler(BatchRunner runner, IRequestValidator<VerifyRequest> validator, VerifierMetrics metrics)
{
    public static readonly PipelineSpec<RewardRequest> Spec = new("openrlhf", CompatJsonContext.Default.RewardRequest, r => r.Query?.Count ?? 0);

    public async Task<IResult> RewardAsync(HttpContext context, OpenRlhfRoute route)
    {
        var request = context.PipelineRequest<RewardRequest>();
        var errors = new ValidationErrors();
        var items = Items(request.Request, route, errors);
        if (!errors.Any)
        {
            errors.AddRenamed(validator.Validate(new VerifyRequest { Items = items }), TheirName);
        }

        if (errors.Any)
        {
            metrics.Request(Spec.Route, "invalid");
            return FastApiErrors.Invalid(errors);
        }

        VerifyResult[] results;
        try
        {
            results = await runner.RunAsync(items, request.Tenant, onResult: null, context.RequestAborted);
        }
        catch
        {
            metrics.Request(Spec.Route, "aborted");
            throw;
        }

        var unknown = results.Count(r => r.Reward is null);
        if (unknown > 0 && route.Unknown == OpenRlhfRoute.UnknownFails)
        {
            metrics.Request(Spec.Route, "unknown");
            return FastApiErrors.Unavailable(
                $"{unknown} of {results.Length} rewards are unknown ({results.First(r => r.Reward is null).Reason}); the route is configured not to guess", 1);
        }

        metrics.Request(Spec.Route, "ok");
        return TypedResults.Json(Response(results, route), CompatJsonContext.Default.RewardResponse);
    }

    private static List<VerifyItem> Items(RewardRequest request, OpenRlhfRoute route, ValidationErrors errors)
    {
        var items = new List<VerifyItem>(request.Query!.Count);
        for (var i = 0; i < request.Query.Count; i++)
        {
            var response = ResponseText.Of(request.Query[i] ?? "", request.Prompts?[i], route.StopTokensOrDefault);
            if (response is null)
            {
                errors.Add($"query[{i}]", "does not contain prompts[i]: the response is the query after its prompt");
                continue;
            }

            var label = request.Labels?[i];
            items.Add(new VerifyItem
            {
                Completion = response,
                Math = route.Task == OpenRlhfRoute.MathTask ? new MathSpec { Gold = label ?? "" } : null,
                Code = route.Task == OpenRlhfRoute.CodeTask ? CodeSpecOf(label, $"labels[{i}]", errors) : null,
                Format = route.HasFormat ? new FormatSpec { Template = route.Format, ThinkInPrompt = route.ThinkInPrompt } : null,
                Weights = new RewardWeights { Accuracy = route.AccuracyWeight, Format = route.FormatWeight },
            });
        }

        return items;
    }

    private static CodeSpec? CodeSpecOf(string? label, string field, ValidationErrors errors)
    {
        try
        {
            var spec = string.IsNullOrWhiteSpace(label) ? null : JsonSerializer.Deserialize(label, VerifierJsonContext.Default.CodeSpec);
            if (spec is null)
            {
                errors.Add(field, "required: a code spec as JSON ({\"language\", \"tests\", ...}, as a /v1/verify item's code)");
            }

            return spec;
        }
        catch (JsonException e)
        {
            errors.Add(field, $"not a code spec: {e.Message}");
            return null;
        }
    }

    /// <summary>Verify's field names to this contract's: <c>items[3].math.gold</c> is <c>labels[3]</c>.</summary>
    private static string TheirName(string field) => VerifyFieldNames().Replace(field, m =>
        m.Groups[2].Value == "completion" ? $"query[{m.Groups[1].Value}]" : $"labels[{m.Groups[1].Value}]");

    [System.Text.RegularExpressions.GeneratedRegex(@"^items\[(\d+)\]\.(completion|math\.gold|code)")]
    private static partial System.Text.RegularExpressions.Regex VerifyFieldNames();

    private static RewardResponse Response(VerifyResult[] results, OpenRlhfRoute route)
    {
        double Known(double? value) => value ?? route.UnknownReward;
        var rewards = results.Select(r => Known(r.Reward)).ToArray();
        var logs = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)
        {
            ["unknown"] = [.. results.Select(r => r.Reward is null ? 1.0 : 0.0)],
        };
        if (route.Task != OpenRlhfRoute.FormatTask)
        {
            logs["accuracy"] = [.. results.Select(r => Known(r.Accuracy))];
        }

        if (route.HasFormat)
        {
            logs["format"] = [.. results.Select(r => Known(r.Format))];
        }

        // Dynamic filtering drops prompts whose samples all scored the same: accuracy is what it should look at.
        var scores = route.Task == OpenRlhfRoute.FormatTask ? rewards : [.. results.Select(r => Known(r.Accuracy))];
        return new RewardResponse { Rewards = rewards, Scores = scores, ExtraLogs = logs };
    }
}
