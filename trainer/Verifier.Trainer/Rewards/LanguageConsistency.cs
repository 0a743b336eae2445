using Verifier.Core.Rewards;
using Consistency = Verifier.Core.Rewards.LanguageConsistency;

namespace Verifier.Trainer.Rewards;

/// <summary>
/// DeepSeek-R1's language-consistency measure for training: the verifier's own component
/// (<see cref="Consistency"/>: the share of the reasoning's words in the target script, math and numbers not words),
/// with the target taken from the question: the script most of its words are in, or, for a question without words,
/// the reasoning's own. A reasoning without words scores 1 (nothing in it is inconsistent), so an arithmetic
/// completion written in digits and symbols is not penalised.
/// </summary>
public static class LanguageConsistency
{
    public static double Score(string question, string completion)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(completion);
        var target = Consistency.DominantScript(question) ?? Consistency.DominantScript(Consistency.Reasoning(completion)) ?? WritingScript.Latin;
        return new Consistency("language_consistency", target).Score(completion).Value ?? 1.0;
    }
}
