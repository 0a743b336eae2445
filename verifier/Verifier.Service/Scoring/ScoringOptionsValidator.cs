using Microsoft.Extensions.Options;
using Verifier.Sandbox;

namespace Verifier.Service.Scoring;

/// <summary>
/// The request deadline must leave room for the longest run one code item can have once it starts; otherwise a
/// submission that is slow but inside its limits would come back as a null timeout instead of its own verdict.
/// </summary>
internal sealed class ScoringOptionsValidator(IOptions<SandboxOptions> sandbox) : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var longest = sandbox.Value.MaxItemRunTime;
        return options.RequestTimeout > longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Scoring:RequestTimeout ({options.RequestTimeout.TotalSeconds:0.#} s) must exceed the longest run of one code item " +
                $"({longest.TotalSeconds:0.#} s: Sandbox:CompileTimeMs, Sandbox:ItemTimeBudgetMs and Sandbox:MaxTimeMs with their wall factor)");
    }
}
