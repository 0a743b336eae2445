using Verifier.Trainer.Sft;

namespace Verifier.Trainer.Tests.Sft;

public sealed class SftSequencesTests
{
    private const int Eos = 1;

    [Fact]
    public void Packed_FillsRowsInOrderWithEosBetweenExamplesAndOnlyCompletionsAsTargets()
    {
        SftExample[] examples = [new([10, 11], [20]), new([12], [21, 22]), new([13, 14, 15], [23])];

        var rows = SftSequences.Packed(examples, maxLength: 8, Eos, out var tooLong);

        Assert.Equal(0, tooLong);
        Assert.Equal(2, rows.Count);
        Assert.Equal([10, 11, 20, Eos, 12, 21, 22], rows[0].Tokens);
        Assert.Equal([false, false, true, false, false, true, true], rows[0].LossMask);
        Assert.Equal([13, 14, 15, 23], rows[1].Tokens);
        Assert.Equal([false, false, false, true], rows[1].LossMask);
        Assert.All(rows, r => Assert.True(r.Tokens.Length <= 8));
    }

    [Fact]
    public void Packed_LeavesOutAndCountsExamplesLongerThanARow()
    {
        SftExample[] examples = [new([10, 11, 12, 13], [20, 21]), new([14], [22])];

        var rows = SftSequences.Packed(examples, maxLength: 4, Eos, out var tooLong);

        Assert.Equal(1, tooLong);
        var row = Assert.Single(rows);
        Assert.Equal([14, 22], row.Tokens);
    }

    [Fact]
    public void Packed_KeepsEveryCompletionTokenAsATargetExactlyOnce()
    {
        var examples = Enumerable.Range(0, 20).Select(i => new SftExample([100 + i, 101], [200 + i, 201, 202])).ToArray();

        var rows = SftSequences.Packed(examples, maxLength: 16, Eos, out _);

        var targets = rows.SelectMany(r => r.Tokens.Where((_, i) => r.LossMask[i])).ToArray();
        Assert.Equal(examples.SelectMany(e => e.Completion), targets);
    }
}
