using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>
/// Each target's key is the name requests use, so it must be one they can write; each script must be one the
/// component knows, as written in configuration (<see cref="ConfiguredEnums"/>: binding drops a misspelled script,
/// leaving a component that is simply missing). Checked at start: a bad value fails the boot, not the first request.
/// </summary>
internal sealed partial class LanguageConsistencyOptionsValidator(IConfiguration configuration) : IValidateOptions<LanguageConsistencyOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageConsistencyOptions options)
    {
        var failures = ConfiguredEnums.Misspelled<WritingScript>(configuration, $"{LanguageConsistencyOptions.Section}:Targets", "a writing script").ToList();
        foreach (var component in options.Targets.Keys)
        {
            if (!ComponentName().IsMatch(component))
            {
                failures.Add($"LanguageConsistency:Targets:{component}: a component name is letters, digits and '_', starting with a letter or '_'");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ComponentName();
}
