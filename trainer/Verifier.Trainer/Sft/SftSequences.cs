namespace Verifier.Trainer.Sft;

/// <summary>A token row with the positions that count in the loss (true: this token is a target).</summary>
public sealed record SftSequence(int[] Tokens, bool[] LossMask);

/// <summary>Turns examples into training rows: one per example (padding) or several per row (packing).</summary>
public static class SftSequences
{
    /// <summary>prompt + completion, with only the completion's tokens as targets.</summary>
    public static SftSequence Padded(SftExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var tokens = example.Prompt.Concat(example.Completion).ToArray();
        var mask = new bool[tokens.Length];
        Array.Fill(mask, true, example.Prompt.Length, example.Completion.Length);
        return new SftSequence(tokens, mask);
    }

    /// <summary>
    /// Examples concatenated in order, EOS between them, into rows of at most <paramref name="maxLength"/> tokens;
    /// only completion tokens are targets (not prompts, not the separators). An example longer than a row on its
    /// own is left out and counted in <paramref name="tooLong"/>.
    /// </summary>
    public static IReadOnlyList<SftSequence> Packed(IEnumerable<SftExample> examples, int maxLength, int eosId, out int tooLong)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = new List<SftSequence>();
        var tokens = new List<int>();
        var mask = new List<bool>();
        tooLong = 0;
        foreach (var example in examples)
        {
            var single = Padded(example);
            if (single.Tokens.Length > maxLength)
            {
                tooLong++;
                continue;
            }

            var separator = tokens.Count > 0 ? 1 : 0;
            if (tokens.Count + separator + single.Tokens.Length > maxLength)
            {
                rows.Add(new SftSequence([.. tokens], [.. mask]));
                tokens.Clear();
                mask.Clear();
                separator = 0;
            }

            if (separator == 1)
            {
                tokens.Add(eosId);
                mask.Add(false);
            }

            tokens.AddRange(single.Tokens);
            mask.AddRange(single.LossMask);
        }

        if (tokens.Count > 0)
        {
            rows.Add(new SftSequence([.. tokens], [.. mask]));
        }

        return rows;
    }
}
