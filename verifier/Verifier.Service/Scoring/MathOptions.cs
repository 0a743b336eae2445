using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Verifier.Core.Math;
using Verifier.Core.Math.Extraction;

namespace Verifier.Service.Scoring;

/// <summary>
/// The <c>Math</c> section: the math engine's settings an operator may change. Unset ones keep the engine's
/// defaults, which are also the CLI's, so local and remote grading agree unless this section says otherwise.
/// </summary>
public sealed class MathOptions
{
    public const string Section = "Math";

    /// <summary>
    /// Extraction rules in order after the answer tag; unset keeps the default (boxed, "final answer is",
    /// "Answer:"). A list of its own, not added to the default: configuration binding appends to a list it finds.
    /// </summary>
    public ExtractionRule[]? ExtractionRules { get; set; }

    public string? ThinkTag { get; set; }

    public string? AnswerTag { get; set; }

    /// <summary>Wall-clock allowance for one check; past it the item is undecided.</summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Work allowance for one check, in evaluation steps.</summary>
    public long? StepBudget { get; set; }

    public int? MaxCompletionLength { get; set; }

    public int? GoldCacheSize { get; set; }

    public MathVerifierOptions ToVerifierOptions()
    {
        var defaults = new MathVerifierOptions();
        return new MathVerifierOptions
        {
            ExtractionRules = ExtractionRules ?? defaults.ExtractionRules,
            ThinkTag = ThinkTag ?? defaults.ThinkTag,
            AnswerTag = AnswerTag ?? defaults.AnswerTag,
            TimeBudget = TimeBudget ?? defaults.TimeBudget,
            StepBudget = StepBudget ?? defaults.StepBudget,
            MaxCompletionLength = MaxCompletionLength ?? defaults.MaxCompletionLength,
            GoldCacheSize = GoldCacheSize ?? defaults.GoldCacheSize,
        };
    }

    /// <summary>
    /// The engine's own validation, run at start so that a bad value fails the boot; extraction rules are checked as
    /// written too, since binding drops a misspelled one and the list would run without it.
    /// </summary>
    internal sealed class Validator(IConfiguration configuration) : IValidateOptions<MathOptions>
    {
        public ValidateOptionsResult Validate(string? name, MathOptions options)
        {
            var failures = ConfiguredEnums.Misspelled<ExtractionRule>(configuration, $"{Section}:{nameof(ExtractionRules)}", "an extraction rule").ToList();
            try
            {
                options.ToVerifierOptions().Validate();
            }
            catch (ValidationException e)
            {
                failures.Add($"{Section}: {e.Message}");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
