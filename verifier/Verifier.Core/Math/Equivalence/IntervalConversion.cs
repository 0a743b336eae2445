using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Reads inequalities about one name as sets: "-2 &lt;= x &lt;= 7" is [-2, 7], "k &gt;= 2" is [2, oo),
/// "1 &lt;= |z| &lt;= 3/2" is [-3/2, -1] u [1, 3/2].
/// </summary>
internal static class IntervalConversion
{
    public static MathNode? ToSet(RelationNode relation)
    {
        var r = RelationComparer.Orient(relation);
        if (!r.Kinds.All(k => k is RelationKind.Less or RelationKind.LessEqual))
        {
            return null;
        }

        var infinity = new ConstantNode(ConstantKind.Infinity);
        var negativeInfinity = new NegateNode(new ConstantNode(ConstantKind.Infinity));
        switch (r.Operands.Count)
        {
            case 3 when IsSubject(r.Operands[1]):
                return Interval(r.Operands[1], r.Operands[0], r.Operands[2], r.Kinds[0] == RelationKind.LessEqual, r.Kinds[1] == RelationKind.LessEqual);
            case 2 when IsSubject(r.Operands[0]) && !IsSubject(r.Operands[1]):
                return Interval(r.Operands[0], negativeInfinity, r.Operands[1], false, r.Kinds[0] == RelationKind.LessEqual);
            case 2 when IsSubject(r.Operands[1]) && !IsSubject(r.Operands[0]):
                return Interval(r.Operands[1], r.Operands[0], infinity, r.Kinds[0] == RelationKind.LessEqual, false);
            default:
                return null;
        }
    }

    private static bool IsSubject(MathNode node) => NodeQueries.IsNameLike(node);

    private static MathNode Interval(MathNode subject, MathNode lower, MathNode upper, bool lowerClosed, bool upperClosed)
    {
        // a <= |z| <= b with a >= 0 is two intervals, mirrored around zero.
        if (subject is FunctionNode { Kind: FunctionKind.Abs } && lower is NumberNode { Value.Sign: >= 0 } && !NodeQueries.ContainsInfinity(upper))
        {
            var negative = new IntervalNode(new NegateNode(upper), new NegateNode(lower), upperClosed, lowerClosed);
            var positive = new IntervalNode(lower, upper, lowerClosed, upperClosed);
            return new SetOperationNode(SetOperationKind.Union, [negative, positive]);
        }

        return new IntervalNode(lower, upper, lowerClosed, upperClosed);
    }
}
