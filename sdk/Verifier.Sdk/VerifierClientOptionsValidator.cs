using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Verifier.Sdk;

/// <summary>
/// Every rule of <see cref="VerifierClientOptions"/> in one place: the options pattern runs it at start (or at the
/// first resolve, without a host), and a client built by hand runs the same one.
/// </summary>
internal sealed class VerifierClientOptionsValidator : IValidateOptions<VerifierClientOptions>
{
    public ValidateOptionsResult Validate(string? name, VerifierClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var annotations = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), annotations, validateAllProperties: true))
        {
            failures.AddRange(annotations.Select(r => r.ErrorMessage ?? $"{string.Join(", ", r.MemberNames)} is invalid"));
        }

        foreach (var endpoint in options.Endpoints)
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"Endpoints: '{endpoint}' is not an absolute http(s) URL");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("ApiKey is required");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
