namespace Verifier.Core.Format;

/// <summary>How the format reward reads a completion. Defaults are DeepSeek-R1's template.</summary>
public sealed record FormatOptions
{
    public static FormatOptions R1 { get; } = new();

    public string ThinkTag { get; init; } = "think";

    public string AnswerTag { get; init; } = "answer";

    /// <summary>When false, a completion with only the answer block also earns the reward.</summary>
    public bool RequireThink { get; init; } = true;

    /// <summary>
    /// True when the prompt already ends with the opening think tag (a common R1-Zero prompt), so the
    /// completion starts inside the reasoning and must not repeat the tag.
    /// </summary>
    public bool ThinkOpenedInPrompt { get; init; }
}
