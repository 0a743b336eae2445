using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>Questions asked of trees: free variables, whether a side is a name, literal sizes.</summary>
internal static class NodeQueries
{
    /// <summary>e and i are read as the constants, never as variables.</summary>
    public static bool IsConstantSymbol(string name) => name is "e" or "i";

    public static void CollectVariables(MathNode node, SortedSet<string> into)
    {
        if (node is SymbolNode symbol)
        {
            if (!IsConstantSymbol(symbol.Name))
            {
                into.Add(symbol.Name);
            }

            return;
        }

        foreach (var child in node.Children)
        {
            CollectVariables(child, into);
        }
    }

    public static bool Contains(MathNode node, Func<MathNode, bool> predicate)
    {
        if (predicate(node))
        {
            return true;
        }

        foreach (var child in node.Children)
        {
            if (Contains(child, predicate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Total bits of the literal numbers: a proxy for how fine a difference the author could hide.</summary>
    public static long LiteralBits(MathNode node)
    {
        long bits = node is NumberNode n ? n.Value.BitSize : 0;
        foreach (var child in node.Children)
        {
            bits += LiteralBits(child);
        }

        return bits;
    }

    /// <summary>
    /// Whether a side of "lhs = value" names the quantity rather than computing it: x, x_1, f(x), |AB|,
    /// A:B, NO/BO, (p, q), \text{Area}. Sums and anything with a number are not names (7 = 11a + c is an equation).
    /// </summary>
    public static bool IsNameLike(MathNode node) => node switch
    {
        SymbolNode s => !IsConstantSymbol(s.Name) || s.Name.Length > 1,
        TextNode => true,
        MultiplyNode m => m.Factors.All(IsNameLike),
        DivideNode d => IsNameLike(d.Numerator) && IsNameLike(d.Denominator),
        SequenceNode { Kind: SequenceKind.Ratio or SequenceKind.Tuple } s => s.Items.All(IsNameLike),
        FunctionNode { Kind: FunctionKind.Abs } f => IsNameLike(f.Arguments[0]),
        _ => false,
    };

    /// <summary>True for plain values and expressions (what a scalar comparison handles).</summary>
    public static bool IsScalar(MathNode node) => NodeRoles.Of(node) != NodeRole.Structure;

    public static bool IsInfinity(MathNode node, out bool negative)
    {
        negative = false;
        switch (node)
        {
            case ConstantNode { Kind: ConstantKind.Infinity }:
                return true;
            case NegateNode { Operand: var inner } when IsInfinity(inner, out var innerNegative):
                negative = !innerNegative;
                return true;
            case AddNode { Terms.Count: 1 } a:
                return IsInfinity(a.Terms[0], out negative);
            default:
                return false;
        }
    }

    public static bool ContainsInfinity(MathNode node) =>
        Contains(node, n => n is ConstantNode { Kind: ConstantKind.Infinity });

    /// <summary>Whether some part of the tree is not a value the evaluators can compute.</summary>
    public static bool ContainsOpaque(MathNode node) => Contains(node, n => NodeRoles.Of(n) != NodeRole.Value);

    public static bool ContainsPlusMinus(MathNode node) => Contains(node, n => n is PlusMinusNode);
}
