using System.Text;
using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Sandbox;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;

namespace Verifier.Service.Limits;

/// <summary>Checks a <c>POST /v1/run</c> body against the same limits as verify: item count, languages, source and stdin size, run limits.</summary>
internal sealed class RunRequestValidator(IOptions<RequestLimits> limits, IOptions<SandboxOptions> sandbox, ScoringCatalog catalog)
    : IRequestValidator<RunRequest>
{
    private readonly RequestLimits _limits = limits.Value;
    private readonly SandboxOptions _sandbox = sandbox.Value;

    public ValidationErrors Validate(RunRequest? request)
    {
        var errors = new ValidationErrors();
        if (RequestValidator.CheckBatch(request?.Items, _limits, errors) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                ValidateItem(items[i], $"items[{i}]", errors);
            }
        }

        return errors;
    }

    private void ValidateItem(RunItem? item, string at, ValidationErrors errors)
    {
        if (item is null)
        {
            errors.Add(at, "must be an object");
            return;
        }

        if (!catalog.Languages.ContainsKey(item.Language ?? ""))
        {
            errors.Add($"{at}.language", $"unknown language '{item.Language}'; known: {string.Join(", ", catalog.Languages.Keys)}");
        }

        if (string.IsNullOrWhiteSpace(item.Code))
        {
            errors.Add($"{at}.code", "required and not blank");
        }
        else if (Encoding.UTF8.GetByteCount(item.Code) > _sandbox.MaxCodeKb * 1024L)
        {
            errors.AddTooLarge($"{at}.code", $"at most {_sandbox.MaxCodeKb} KB");
        }

        if (item.Stdin is { } stdin && Encoding.UTF8.GetByteCount(stdin) > _limits.MaxTestIoBytes)
        {
            errors.AddTooLarge($"{at}.stdin", $"at most {_limits.MaxTestIoBytes} bytes");
        }

        if (item.Id is { Length: var idLength } && idLength > _limits.MaxIdChars)
        {
            errors.Add($"{at}.id", $"at most {_limits.MaxIdChars} characters");
        }

        RequestValidator.ValidateLimits(item.Limits, _sandbox, $"{at}.limits", errors);
        FilesValidation.Validate(item, catalog.ReservedPaths.GetValueOrDefault(item.Language ?? ""), _sandbox, at, errors);
    }
}
