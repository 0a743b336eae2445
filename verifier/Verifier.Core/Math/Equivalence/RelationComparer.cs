using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Equations and inequalities: equivalent when (lhs - rhs) of one is a constant multiple of the other's
/// (positive for inequalities, after turning &gt; into &lt;), so y = 2x + 3 equals 2x - y + 3 = 0 and
/// -x &gt; -1 equals x &lt; 1. Equations of functions (\sin x = \frac{42}{59}) are compared the same way, with the
/// constant kept symbolic (<see cref="ProportionalAtSymbolicPoint"/>); anything undecided stays unknown, never equal.
/// </summary>
internal sealed class RelationComparer
{
    private readonly ScalarComparer _scalars;
    private readonly CheckBudget _budget;

    public RelationComparer(ScalarComparer scalars, CheckBudget budget)
    {
        _scalars = scalars;
        _budget = budget;
    }

    public Equivalence Compare(RelationNode gold, RelationNode predicted)
    {
        var g = Orient(gold);
        var p = Orient(predicted);
        if (g.Operands.Count != p.Operands.Count || !g.Kinds.SequenceEqual(p.Kinds))
        {
            return Equivalence.Different;
        }

        if (g.Kinds.Any(k => k is RelationKind.In or RelationKind.NotIn or RelationKind.Subset))
        {
            return Equivalence.Unknown;
        }

        var pairwise = Equivalence.Equal;
        for (var i = 0; i < g.Operands.Count && pairwise != Equivalence.Different; i++)
        {
            pairwise = pairwise.And(_scalars.CompareValues(g.Operands[i], p.Operands[i]));
        }

        if (pairwise == Equivalence.Equal || g.Operands.Count != 2)
        {
            return pairwise;
        }

        var kind = g.Kinds[0];
        if (kind is RelationKind.Equal or RelationKind.NotEqual or RelationKind.Approx or RelationKind.Equiv)
        {
            var swapped = _scalars.CompareValues(g.Operands[0], p.Operands[1]).And(_scalars.CompareValues(g.Operands[1], p.Operands[0]));
            if (swapped == Equivalence.Equal)
            {
                return swapped;
            }
        }

        var positiveOnly = kind is RelationKind.Less or RelationKind.LessEqual;
        return Proportional(Difference(g), Difference(p), positiveOnly);
    }

    /// <summary>Turns a chain of &gt; / &gt;= into the mirrored chain of &lt; / &lt;=.</summary>
    public static RelationNode Orient(RelationNode relation)
    {
        if (!relation.Kinds.All(k => k is RelationKind.Greater or RelationKind.GreaterEqual))
        {
            return relation;
        }

        var operands = relation.Operands.Reverse().ToList();
        var kinds = relation.Kinds.Reverse().Select(k => k == RelationKind.Greater ? RelationKind.Less : RelationKind.LessEqual).ToList();
        return new RelationNode(operands, kinds);
    }

    private static MathNode Difference(RelationNode relation) =>
        new AddNode([relation.Operands[0], new NegateNode(relation.Operands[1])]);

    /// <summary>Whether f = c g for a constant c (c &gt; 0 when <paramref name="positiveOnly"/>).</summary>
    private Equivalence Proportional(MathNode f, MathNode g, bool positiveOnly)
    {
        var variables = new SortedSet<string>(StringComparer.Ordinal);
        NodeQueries.CollectVariables(f, variables);
        NodeQueries.CollectVariables(g, variables);
        if (variables.Count == 0 || NodeQueries.ContainsOpaque(f) || NodeQueries.ContainsOpaque(g))
        {
            return Equivalence.Unknown;
        }

        var points = new SamplePoints(0x9E3779B97F4A7C15UL ^ (ulong)variables.Count);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var assignment = new Dictionary<string, BigRational>(StringComparer.Ordinal);
            foreach (var variable in variables)
            {
                assignment[variable] = points.Next(negative: attempt % 2 == 1);
            }

            var exact = new ExactEvaluator(_budget, assignment);
            if (!exact.TryEvaluateReal(f, out var fv) || !exact.TryEvaluateReal(g, out var gv) || gv.IsZero)
            {
                if (!positiveOnly && attempt == 0 && !exact.TryEvaluateReal(g, out _))
                {
                    return ProportionalAtSymbolicPoint(f, g, assignment);
                }

                continue;
            }

            var ratio = fv / gv;
            if (ratio.IsZero || (positiveOnly && ratio.Sign < 0))
            {
                return Equivalence.Different;
            }

            var scaled = new MultiplyNode([new NumberNode(ratio), g]);
            return _scalars.CompareValues(f, scaled);
        }

        return Equivalence.Unknown;
    }

    /// <summary>
    /// For equations whose values are not rational at rational points (\sin x = \frac12 against 2\sin x = 1): the
    /// would-be constant c = f(x0)/g(x0) is kept as an exact tree, and f·g(x0) = g·f(x0) is checked as an identity.
    /// If f = c·g then that identity holds, so its failure proves "different"; if it holds, c = f(x0)/g(x0) is a
    /// nonzero constant. Both constants must be certainly nonzero, or nothing is concluded. Inequalities do not
    /// come here: they would also need the sign of c.
    /// </summary>
    private Equivalence ProportionalAtSymbolicPoint(MathNode f, MathNode g, IReadOnlyDictionary<string, BigRational> point)
    {
        var f0 = NodeRebuilder.Map(f, n => n is SymbolNode s && point.TryGetValue(s.Name, out var v) ? new NumberNode(v) : null);
        var g0 = NodeRebuilder.Map(g, n => n is SymbolNode s && point.TryGetValue(s.Name, out var v) ? new NumberNode(v) : null);
        var zero = new NumberNode(BigRational.Zero);
        if (_scalars.CompareValues(f0, zero) != Equivalence.Different || _scalars.CompareValues(g0, zero) != Equivalence.Different)
        {
            return Equivalence.Unknown;
        }

        return _scalars.CompareValues(new MultiplyNode([f, g0]), new MultiplyNode([g, f0]));
    }
}
