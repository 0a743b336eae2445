namespace Verifier.Trainer.Tasks;

/// <summary>What kind of check a task's completions get from the verifier.</summary>
public enum TaskKind
{
    /// <summary>The answer is compared with <see cref="TaskItem.GoldAnswer"/>.</summary>
    Math,

    /// <summary>The answer is code run against <see cref="TaskItem.Tests"/>.</summary>
    Code,
}

/// <summary>One prompt to train or evaluate on, with what the verifier needs to score its completions.</summary>
/// <param name="Id">Stable identifier (a JSONL line's id, or the arithmetic expression).</param>
/// <param name="Question">The user's question, without the template.</param>
/// <param name="Prompt">The full text the policy sees (the R1-Zero template around the question).</param>
/// <param name="Kind">Math or code.</param>
/// <param name="GoldAnswer">Reference answer for math tasks.</param>
/// <param name="Tests">Test code for code tasks.</param>
/// <param name="Language">Programming language of code tasks (e.g. "python").</param>
/// <param name="EntryPoint">Function under test for code tasks, when the tests need it.</param>
public sealed record TaskItem(
    string Id,
    string Question,
    string Prompt,
    TaskKind Kind,
    string? GoldAnswer = null,
    IReadOnlyList<string>? Tests = null,
    string? Language = null,
    string? EntryPoint = null);
