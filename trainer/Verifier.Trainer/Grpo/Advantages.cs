namespace Verifier.Trainer.Grpo;

/// <summary>Group-relative advantages from per-completion rewards, laid out group after group.</summary>
public static class Advantages
{
    /// <summary>
    /// Computes one advantage per reward. A null reward (the verifier could not score the completion) is
    /// left out of its group's mean and std and gets advantage 0: it is never treated as a score.
    /// The std is the sample (n − 1) std, as in TRL; a group with fewer than two scores gets std 0.
    /// </summary>
    public static double[] Compute(IReadOnlyList<double?> rewards, int groupSize, AdvantageScaling scaling, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (groupSize < 1 || rewards.Count % groupSize != 0)
        {
            throw new ArgumentException($"{rewards.Count} rewards do not split into groups of {groupSize}.", nameof(rewards));
        }

        var centred = new double?[rewards.Count];
        var groupStd = new double[rewards.Count];
        for (var start = 0; start < rewards.Count; start += groupSize)
        {
            var scored = Enumerable.Range(start, groupSize).Where(i => rewards[i].HasValue).Select(i => rewards[i]!.Value).ToArray();
            if (scored.Length == 0)
            {
                continue;
            }

            var mean = scored.Average();
            var std = SampleStd(scored);
            for (var i = start; i < start + groupSize; i++)
            {
                centred[i] = rewards[i] - mean;
                groupStd[i] = std;
            }
        }

        var batchStd = SampleStd([.. rewards.Where(r => r.HasValue).Select(r => r!.Value)]);
        var advantages = new double[rewards.Count];
        for (var i = 0; i < rewards.Count; i++)
        {
            if (centred[i] is not { } c)
            {
                continue;
            }

            // A group whose scores are all equal carries no signal (and would divide 0 by 0 when ε = 0).
            if (c == 0)
            {
                continue;
            }

            advantages[i] = scaling switch
            {
                AdvantageScaling.Group => c / (groupStd[i] + epsilon),
                AdvantageScaling.Batch => c / (batchStd + epsilon),
                _ => c,
            };
        }

        return advantages;
    }

    private static double SampleStd(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
