using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>
/// Each target's key is the name requests use, so it must be one they can write; each script must be one the
/// component knows. Checked at start (a bad value in configuration fails the boot, not the first request). The
/// configuration itself is read too: binding silently drops a value it cannot convert, which would leave a
/// misspelled script as a component that is simply missing.
/// </summary>
internal sealed partial class LanguageConsistencyOptionsValidator(IConfiguration configuration) : IValidateOptions<LanguageConsistencyOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageConsistencyOptions options)
    {
        var failures = new List<string>();
        foreach (var configured in configuration.GetSection($"{LanguageConsistencyOptions.Section}:Targets").GetChildren())
        {
            if (!Enum.TryParse<WritingScript>(configured.Value, ignoreCase: true, out _))
            {
                failures.Add($"{configured.Path}: '{configured.Value}' is not a writing script ({string.Join(", ", Enum.GetNames<WritingScript>())})");
            }
        }

        foreach (var (component, script) in options.Targets)
        {
            if (!ComponentName().IsMatch(component))
            {
                failures.Add($"LanguageConsistency:Targets:{component}: a component name is letters, digits and '_', starting with a letter or '_'");
            }

            if (!Enum.IsDefined(script))
            {
                failures.Add($"LanguageConsistency:Targets:{component}: '{script}' is not a writing script ({string.Join(", ", Enum.GetNames<WritingScript>())})");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ComponentName();
}
