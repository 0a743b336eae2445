namespace Verifier.Trainer.Training;

/// <summary>
/// SplitMix64: a small PRNG whose whole state is one number, so a checkpoint can store it and a resumed run
/// draws exactly the prompts the uninterrupted run would have.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    public ulong State { get; set; } = seed;

    public ulong NextUInt64()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int NextInt(int min, int maxExclusive)
    {
        if (maxExclusive <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"Empty range [{min}, {maxExclusive}).");
        }

        return min + (int)(NextUInt64() % (ulong)(maxExclusive - min));
    }
}
