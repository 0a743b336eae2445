using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>Where training and evaluation prompts come from.</summary>
public interface ITaskSource
{
    /// <summary>Draws a training prompt.</summary>
    TaskItem Next(DeterministicRandom random);

    /// <summary>Prompts kept for evaluation, the same on every call.</summary>
    IReadOnlyList<TaskItem> HeldOut(int count);

    /// <summary>Characters a completion needs inside &lt;think&gt; and &lt;answer&gt;, for the format guide; null when open-ended.</summary>
    (string Think, string Answer)? GuideAlphabets { get; }
}
