namespace Verifier.Trainer.Tasks;

/// <summary>Prompt templates. The default is DeepSeek-R1-Zero's.</summary>
public static class PromptTemplate
{
    /// <summary>The R1-Zero template; the question goes where the paper has "prompt".</summary>
    public const string R1Zero =
        "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. " +
        "The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. " +
        "The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, respectively, " +
        "i.e., <think> reasoning process here </think> <answer> answer here </answer>. User: {0}. Assistant:";

    /// <summary>Applies a template by name: "r1_zero" (default) or "none" (the question is the prompt).</summary>
    public static string Apply(string? template, string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return (template ?? "r1_zero").ToLowerInvariant() switch
        {
            // The template puts a period after the question; a question that ends in '?' keeps only that.
            "r1_zero" or "r1-zero" => string.Format(System.Globalization.CultureInfo.InvariantCulture, R1Zero, question.TrimEnd('.', ' ')).Replace("?. Assistant:", "? Assistant:", StringComparison.Ordinal),
            "none" => question,
            _ => throw new ArgumentException($"Unknown prompt template '{template}'. Use r1_zero or none.", nameof(template)),
        };
    }
}
