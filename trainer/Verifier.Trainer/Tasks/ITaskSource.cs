using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>Where training and evaluation prompts come from.</summary>
public interface ITaskSource
{
    /// <summary>Draws a training prompt.</summary>
    TaskItem Next(DeterministicRandom random);

    /// <summary>Prompts kept for evaluation, the same on every call.</summary>
    IReadOnlyList<TaskItem> HeldOut(int count);

    /// <summary>What the format guide needs to know about answers to this task; null when they are open-ended.</summary>
    GuideSpec? Guide { get; }
}

/// <summary>
/// Characters a completion needs inside &lt;think&gt; and &lt;answer&gt;, the longest possible answer, and the
/// default thinking budget (null: whatever the length limit leaves).
/// </summary>
public sealed record GuideSpec(string ThinkAlphabet, string AnswerAlphabet, int MaxAnswerLength, int? MaxThinkTokens);
