using Microsoft.Extensions.Options;
using Verifier.Service.Limits;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>The shape of an OpenRLHF reward request; each item's content is checked by verify's validator once the route is known.</summary>
internal sealed class RewardRequestValidator(IOptions<RequestLimits> limits) : IRequestValidator<RewardRequest>
{
    public ValidationErrors Validate(RewardRequest? request)
    {
        var errors = new ValidationErrors();
        if (request?.Query is not { } query)
        {
            errors.Add("query", "field required: a list of strings");
            return errors;
        }

        if (query.Count == 0)
        {
            errors.Add("query", "at least one query");
        }
        else if (query.Count > limits.Value.MaxItems)
        {
            errors.AddTooLarge("query", $"at most {limits.Value.MaxItems} queries");
        }

        // Required: without its prompt a query cannot be cut to the model's response, and scoring the whole query
        // would let an answer the prompt shows (a worked example) stand in for one the model never gave.
        if (request.Prompts is not { } prompts)
        {
            errors.Add("prompts", "field required: the prompt of each query");
        }
        else if (prompts.Count != query.Count)
        {
            errors.Add("prompts", $"{prompts.Count} prompts for {query.Count} queries");
        }
        else if (prompts.IndexOf(null) is var missing and >= 0)
        {
            errors.Add($"prompts[{missing}]", "a string (empty when the query has no prompt)");
        }

        if (request.Labels is { } labels && labels.Count != query.Count)
        {
            errors.Add("labels", $"{labels.Count} labels for {query.Count} queries");
        }

        return errors;
    }
}
