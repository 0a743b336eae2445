using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>Where training and evaluation prompts come from.</summary>
public interface ITaskSource
{
    /// <summary>Draws a training prompt.</summary>
    TaskItem Next(DeterministicRandom random);

    /// <summary>Prompts kept for evaluation, the same on every call.</summary>
    IReadOnlyList<TaskItem> HeldOut(int count);
}
