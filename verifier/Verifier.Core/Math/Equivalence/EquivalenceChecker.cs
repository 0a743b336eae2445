using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Compares a gold answer with a predicted one, both parsed: relations, then the stated values by kind —
/// text, scalars, tuples (ordered), sets and solution lists (unordered), intervals (closure matters), unions,
/// matrices. Anything it cannot settle is <see cref="Equivalence.Unknown"/>, never equal.
/// </summary>
internal sealed class EquivalenceChecker
{
    private readonly CompareSettings _settings;
    private readonly CheckBudget _budget;
    private readonly ScalarComparer _scalars;
    private readonly RelationComparer _relations;
    private readonly ApproximationCheck _approximations;

    public EquivalenceChecker(CompareSettings settings, CheckBudget budget)
    {
        _settings = settings;
        _budget = budget;
        _scalars = new ScalarComparer(settings, budget);
        _relations = new RelationComparer(_scalars, budget);
        _approximations = new ApproximationCheck(settings, budget);
    }

    public Equivalence Compare(MathNode gold, MathNode predicted)
    {
        _budget.Tick();
        if (CanonicalKey.Of(gold) == CanonicalKey.Of(predicted))
        {
            return Equivalence.Equal;
        }

        // "2 \approx 1" hedges between two values: wrong whatever the gold, though its stated value is 2.
        if (!_approximations.IsConsistent(predicted))
        {
            return Equivalence.Different;
        }

        var asRelations = Equivalence.Unknown;
        if (gold is RelationNode goldRelation && predicted is RelationNode predictedRelation)
        {
            asRelations = _relations.Compare(goldRelation, predictedRelation);
            if (asRelations == Equivalence.Equal)
            {
                return asRelations;
            }
        }

        var values = CompareNormalized(AnswerNormalizer.Normalize(gold), AnswerNormalizer.Normalize(predicted));
        return values == Equivalence.Unknown && asRelations == Equivalence.Different ? Equivalence.Different : values;
    }

    private Equivalence CompareNormalized(MathNode gold, MathNode predicted)
    {
        _budget.Tick();
        if (gold is NumberNode && predicted is NumberNode)
        {
            return _scalars.CompareValues(gold, predicted);
        }

        if (CanonicalKey.Of(gold) == CanonicalKey.Of(predicted))
        {
            return Equivalence.Equal;
        }

        if (gold is ClockTimeNode || predicted is ClockTimeNode)
        {
            return gold is ClockTimeNode goldTime && predicted is ClockTimeNode predictedTime
                ? ClockTimes.Compare(goldTime, predictedTime)
                : Equivalence.Different;
        }

        if (gold is TextNode || predicted is TextNode)
        {
            return CompareText(gold, predicted);
        }

        if (gold is RelationNode || predicted is RelationNode)
        {
            return CompareWithRelation(gold, predicted);
        }

        if (gold is MatrixNode || predicted is MatrixNode)
        {
            return CompareMatrices(gold, predicted);
        }

        if (gold is AssignmentsNode || predicted is AssignmentsNode)
        {
            return CompareAssignments(gold, predicted);
        }

        if (gold is IntervalNode || predicted is IntervalNode || gold is SetOperationNode || predicted is SetOperationNode)
        {
            return CompareSets(gold, predicted);
        }

        if (gold is SequenceNode || predicted is SequenceNode)
        {
            return CompareSequences(gold, predicted);
        }

        if (NodeQueries.IsScalar(gold) && NodeQueries.IsScalar(predicted))
        {
            return _scalars.Compare(gold, predicted);
        }

        return Equivalence.Different;
    }

    private static Equivalence CompareText(MathNode gold, MathNode predicted)
    {
        var g = TextForm.Spell(gold);
        var p = TextForm.Spell(predicted);
        if (g is null || p is null)
        {
            return Equivalence.Different;
        }

        return g.Length > 0 && string.Equals(g, p, StringComparison.Ordinal) ? Equivalence.Equal : Equivalence.Different;
    }

    private Equivalence CompareWithRelation(MathNode gold, MathNode predicted)
    {
        if (gold is RelationNode g && predicted is RelationNode p)
        {
            var relation = _relations.Compare(g, p);
            if (relation != Equivalence.Different)
            {
                return relation;
            }
        }

        // A gold inequality matches the same set written as an interval; the reverse only when allowed.
        var goldSet = gold is RelationNode gr ? IntervalConversion.ToSet(gr) : gold;
        var predictedSet = predicted is RelationNode pr
            ? (_settings.AllowSetRelationComparison ? IntervalConversion.ToSet(pr) : null)
            : predicted;
        if (goldSet is null || predictedSet is null || goldSet is RelationNode || predictedSet is RelationNode)
        {
            return Equivalence.Different;
        }

        return CompareNormalized(goldSet, predictedSet);
    }

    private Equivalence CompareMatrices(MathNode gold, MathNode predicted)
    {
        var g = AsMatrixCells(gold);
        var p = AsMatrixCells(predicted);
        if (g is null || p is null || g.Count != p.Count || g.Zip(p).Any(rows => rows.First.Count != rows.Second.Count))
        {
            return Equivalence.Different;
        }

        var result = Equivalence.Equal;
        for (var i = 0; i < g.Count && result != Equivalence.Different; i++)
        {
            for (var j = 0; j < g[i].Count && result != Equivalence.Different; j++)
            {
                result = result.And(CompareNormalized(g[i][j], p[i][j]));
            }
        }

        return result;
    }

    /// <summary>A matrix's rows; a column or row vector also matches a tuple of the same entries.</summary>
    private static IReadOnlyList<IReadOnlyList<MathNode>>? AsMatrixCells(MathNode node) => node switch
    {
        MatrixNode m when m.ColumnCount == 1 => [m.Rows.Select(r => r[0]).ToList()],
        MatrixNode m => m.Rows,
        SequenceNode { Kind: SequenceKind.Tuple or SequenceKind.Bracket } s => [s.Items],
        IntervalNode { LowerClosed: true, UpperClosed: true } pair => [[pair.Lower, pair.Upper]],
        _ => null,
    };

    private Equivalence CompareAssignments(MathNode gold, MathNode predicted)
    {
        if (gold is AssignmentsNode g && predicted is AssignmentsNode p && g.Names.Order(StringComparer.Ordinal).SequenceEqual(p.Names.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            var result = Equivalence.Equal;
            for (var i = 0; i < g.Names.Count && result != Equivalence.Different; i++)
            {
                var j = p.Names.ToList().IndexOf(g.Names[i]);
                result = result.And(CompareNormalized(g.Values[i], p.Values[j]));
            }

            return result;
        }

        // Otherwise the values in the order written, as a tuple.
        var goldValues = gold is AssignmentsNode ga ? new SequenceNode(SequenceKind.Tuple, ga.Values) : gold;
        var predictedValues = predicted is AssignmentsNode pa ? new SequenceNode(SequenceKind.Tuple, pa.Values) : predicted;
        return CompareSequences(goldValues, predictedValues);
    }

    private Equivalence CompareSets(MathNode gold, MathNode predicted)
    {
        // (a, b) written as a tuple is also the open interval.
        var g = AsSetLike(gold);
        var p = AsSetLike(predicted);
        if (g is IntervalNode gi && p is IntervalNode pi)
        {
            return CompareIntervals(gi, pi);
        }

        var goldParts = g is SetOperationNode { Kind: SetOperationKind.Union } gu ? gu.Operands : g is IntervalNode ? [g] : null;
        var predictedParts = p is SetOperationNode { Kind: SetOperationKind.Union } pu ? pu.Operands : p is IntervalNode ? [p] : null;
        if (goldParts is not null && predictedParts is not null)
        {
            return MatchUnordered(goldParts, predictedParts);
        }

        if (g is SetOperationNode go && p is SetOperationNode po && go.Kind == po.Kind && go.Operands.Count == po.Operands.Count)
        {
            return MatchOrdered(go.Operands, po.Operands);
        }

        return Equivalence.Different;
    }

    private static MathNode AsSetLike(MathNode node) =>
        node is SequenceNode { Kind: SequenceKind.Tuple, Items.Count: 2 } pair ? new IntervalNode(pair.Items[0], pair.Items[1], false, false) : node;

    private Equivalence CompareIntervals(IntervalNode g, IntervalNode p)
    {
        // Closure at an infinite end means nothing.
        var lowerInfinite = NodeQueries.IsInfinity(g.Lower, out _);
        var upperInfinite = NodeQueries.IsInfinity(g.Upper, out _);
        if ((!lowerInfinite && g.LowerClosed != p.LowerClosed) || (!upperInfinite && g.UpperClosed != p.UpperClosed))
        {
            return Equivalence.Different;
        }

        return CompareNormalized(g.Lower, p.Lower).And(CompareNormalized(g.Upper, p.Upper));
    }

    private Equivalence CompareSequences(MathNode gold, MathNode predicted)
    {
        var g = gold as SequenceNode;
        var p = predicted as SequenceNode;
        if (g is null || p is null)
        {
            // A list against one value: equal only if every listed value is that value (hedging is wrong).
            var (sequence, single) = g is null ? (p!, gold) : (g, predicted);
            if (sequence.Kind is SequenceKind.List or SequenceKind.Set && sequence.Items.Count > 0)
            {
                var all = Equivalence.Equal;
                foreach (var item in sequence.Items)
                {
                    all = all.And(CompareNormalized(g is null ? single : item, g is null ? item : single));
                    if (all == Equivalence.Different)
                    {
                        break;
                    }
                }

                return all;
            }

            return Equivalence.Different;
        }

        if (g.Kind == SequenceKind.Ratio || p.Kind == SequenceKind.Ratio)
        {
            return g.Kind == p.Kind && g.Items.Count == p.Items.Count ? MatchOrdered(g.Items, p.Items) : Equivalence.Different;
        }

        var gOrdered = g.Kind is SequenceKind.Tuple or SequenceKind.Bracket;
        var pOrdered = p.Kind is SequenceKind.Tuple or SequenceKind.Bracket;
        if (gOrdered && pOrdered)
        {
            return g.Items.Count == p.Items.Count ? MatchOrdered(g.Items, p.Items) : Equivalence.Different;
        }

        // A plain list against a tuple is read in order ({1,3} vs (1,3)); a set against a tuple is a different object.
        if (gOrdered || pOrdered)
        {
            var other = gOrdered ? p : g;
            return other.Kind == SequenceKind.List && g.Items.Count == p.Items.Count ? MatchOrdered(g.Items, p.Items) : Equivalence.Different;
        }

        // Sets and solution lists: repeats do not count (written twice is still one solution).
        var gItems = Distinct(g.Items);
        var pItems = Distinct(p.Items);
        return MatchUnordered(gItems, pItems);
    }

    private static IReadOnlyList<MathNode> Distinct(IReadOnlyList<MathNode> items) =>
        [.. items.DistinctBy(CanonicalKey.Of, StringComparer.Ordinal)];

    private Equivalence MatchOrdered(IReadOnlyList<MathNode> gold, IReadOnlyList<MathNode> predicted)
    {
        var result = Equivalence.Equal;
        for (var i = 0; i < gold.Count && result != Equivalence.Different; i++)
        {
            result = result.And(CompareNormalized(gold[i], predicted[i]));
        }

        return result;
    }

    /// <summary>
    /// Set equality between two item lists: every gold item has a certainly equal predicted item and vice versa
    /// (a solution written twice is still one solution; a different extra value is not).
    /// </summary>
    private Equivalence MatchUnordered(IReadOnlyList<MathNode> gold, IReadOnlyList<MathNode> predicted)
    {
        if (gold.Count > _settings.MaxCollectionItems || predicted.Count > _settings.MaxCollectionItems)
        {
            return Equivalence.Unknown;
        }

        var table = new Equivalence[gold.Count, predicted.Count];
        for (var i = 0; i < gold.Count; i++)
        {
            for (var j = 0; j < predicted.Count; j++)
            {
                table[i, j] = CompareNormalized(gold[i], predicted[j]);
            }
        }

        if (Covers(table, Equivalence.Equal))
        {
            return Equivalence.Equal;
        }

        return Covers(table, Equivalence.Unknown) ? Equivalence.Unknown : Equivalence.Different;
    }

    /// <summary>Whether each row and each column has an entry at least as good as <paramref name="weakest"/>.</summary>
    private static bool Covers(Equivalence[,] table, Equivalence weakest)
    {
        bool Acceptable(Equivalence e) => e == Equivalence.Equal || (weakest == Equivalence.Unknown && e == Equivalence.Unknown);
        var rows = table.GetLength(0);
        var columns = table.GetLength(1);
        if (rows == 0 || columns == 0)
        {
            return rows == columns;
        }

        for (var i = 0; i < rows; i++)
        {
            if (!Enumerable.Range(0, columns).Any(j => Acceptable(table[i, j])))
            {
                return false;
            }
        }

        for (var j = 0; j < columns; j++)
        {
            if (!Enumerable.Range(0, rows).Any(i => Acceptable(table[i, j])))
            {
                return false;
            }
        }

        return true;
    }
}
