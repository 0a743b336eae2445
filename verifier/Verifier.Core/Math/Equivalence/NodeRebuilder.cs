using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>Copies of trees with one child replaced (trees are immutable).</summary>
internal static class NodeRebuilder
{
    /// <summary>A copy with every node that <paramref name="replace"/> maps (to non-null) replaced, bottom-up elsewhere.</summary>
    public static MathNode Map(MathNode node, Func<MathNode, MathNode?> replace)
    {
        if (replace(node) is { } replaced)
        {
            return replaced;
        }

        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var mapped = Map(children[i], replace);
            if (!ReferenceEquals(mapped, children[i]))
            {
                node = ReplaceChild(node, i, mapped);
            }
        }

        return node;
    }

    public static MathNode ReplaceChild(MathNode node, int index, MathNode child)
    {
        IReadOnlyList<MathNode> With(IReadOnlyList<MathNode> list)
        {
            var copy = list.ToArray();
            copy[index] = child;
            return copy;
        }

        return node switch
        {
            AddNode a => new AddNode(With(a.Terms)),
            NegateNode => new NegateNode(child),
            PlusMinusNode => new PlusMinusNode(child),
            MultiplyNode m => new MultiplyNode(With(m.Factors)),
            DivideNode d => index == 0 ? new DivideNode(child, d.Denominator) : new DivideNode(d.Numerator, child),
            PowerNode p => index == 0 ? new PowerNode(child, p.Exponent) : new PowerNode(p.Base, child),
            FunctionNode f => new FunctionNode(f.Kind, With(f.Arguments), f.Name),
            PercentNode => new PercentNode(child),
            DegreeNode => new DegreeNode(child),
            RelationNode r => new RelationNode(With(r.Operands), r.Kinds),
            SequenceNode s => new SequenceNode(s.Kind, With(s.Items)),
            IntervalNode i => index == 0
                ? new IntervalNode(child, i.Upper, i.LowerClosed, i.UpperClosed)
                : new IntervalNode(i.Lower, child, i.LowerClosed, i.UpperClosed),
            SetOperationNode o => new SetOperationNode(o.Kind, With(o.Operands)),
            _ => node,
        };
    }
}
