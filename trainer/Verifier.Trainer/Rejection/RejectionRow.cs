namespace Verifier.Trainer.Rejection;

/// <summary>One kept sample: a line of the rejection-sampling output, and an SFT example (prompt → completion).</summary>
/// <param name="Prompt">The full text the model saw (template applied).</param>
/// <param name="Completion">The generated text after the prompt, tags included.</param>
/// <param name="Reward">The verifier's reward (R1: accuracy + format).</param>
/// <param name="Accuracy">The verifier's accuracy (1 for every kept row).</param>
/// <param name="Format">The verifier's format score (1 for every kept row).</param>
/// <param name="LanguageConsistency">Fraction of the completion's words in the question's script.</param>
/// <param name="TaskId">The prompt's id.</param>
/// <param name="Question">The question without the template.</param>
/// <param name="Gold">The reference answer (math).</param>
/// <param name="CompletionTokens">Length of the completion in tokens.</param>
/// <param name="Sample">Which of the prompt's K samples this was.</param>
public sealed record RejectionRow(
    string Prompt,
    string Completion,
    double Reward,
    double Accuracy,
    double Format,
    double LanguageConsistency,
    string TaskId,
    string Question,
    string? Gold,
    int CompletionTokens,
    int Sample);
