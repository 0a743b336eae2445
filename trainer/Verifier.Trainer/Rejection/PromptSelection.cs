using Verifier.Trainer.Tasks;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Rejection;

/// <summary>The prompts rejection sampling runs on: training prompts only, so held-out evaluation stays unseen by the student.</summary>
public static class PromptSelection
{
    public static IReadOnlyList<TaskItem> Choose(ITaskSource tasks, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks is JsonlTaskSource file)
        {
            return [.. file.Training.Take(count)];
        }

        // A generated task repeats itself (arithmetic over 0..4 has 25 expressions): draw until `count` distinct
        // prompts or until many more draws than that stop finding new ones.
        var random = new DeterministicRandom((ulong)seed ^ 0xA5A5_5A5AUL);
        var chosen = new Dictionary<string, TaskItem>(StringComparer.Ordinal);
        for (var draws = 0; chosen.Count < count && draws < 50 * count; draws++)
        {
            var item = tasks.Next(random);
            chosen.TryAdd(item.Id, item);
        }

        return [.. chosen.Values];
    }
}
