namespace Verifier.Trainer.Rejection;

/// <summary>What rejection sampling saw and kept. Every sample lands in exactly one of the counts Unknown … Kept.</summary>
/// <param name="Prompts">Prompts sampled.</param>
/// <param name="Samples">Samples generated (prompts × K).</param>
/// <param name="Unknown">Samples the verifier could not score (a null part): never kept.</param>
/// <param name="Incorrect">Scored wrong.</param>
/// <param name="Unformatted">Correct, but not in the R1 format.</param>
/// <param name="MixedLanguage">Correct and formatted, but below the language-consistency bar.</param>
/// <param name="Duplicates">A completion the prompt already had.</param>
/// <param name="OverCap">Beyond the per-prompt limit.</param>
/// <param name="Kept">Rows written.</param>
/// <param name="KeptRate">Kept / Samples.</param>
/// <param name="PromptsCovered">Prompts with at least one kept row.</param>
/// <param name="Coverage">PromptsCovered / Prompts.</param>
/// <param name="KeptPerPrompt">How many prompts kept 0, 1, 2, ... rows (index = rows kept).</param>
/// <param name="Seconds">Wall time of sampling and scoring.</param>
public sealed record RejectionSummary(
    int Prompts,
    int Samples,
    int Unknown,
    int Incorrect,
    int Unformatted,
    int MixedLanguage,
    int Duplicates,
    int OverCap,
    int Kept,
    double KeptRate,
    int PromptsCovered,
    double Coverage,
    IReadOnlyList<int> KeptPerPrompt,
    double Seconds);
