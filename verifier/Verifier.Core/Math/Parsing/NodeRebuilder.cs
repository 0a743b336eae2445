namespace Verifier.Core.Math.Parsing;

/// <summary>Walks of trees, and copies with parts replaced (trees are immutable).</summary>
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

    /// <summary>Whether <paramref name="predicate"/> holds for the node or any node below it.</summary>
    public static bool Contains(MathNode node, Func<MathNode, bool> predicate) =>
        predicate(node) || node.Children.Any(child => Contains(child, predicate));

    /// <summary>A copy of <paramref name="node"/> whose child number <paramref name="index"/> (in <see cref="MathNode.Children"/> order) is <paramref name="child"/>.</summary>
    public static MathNode ReplaceChild(MathNode node, int index, MathNode child) => node.Accept(new ChildReplacer(index, child));

    private sealed class ChildReplacer(int index, MathNode child) : IMathNodeVisitor<MathNode>
    {
        private IReadOnlyList<MathNode> With(IReadOnlyList<MathNode> list)
        {
            var copy = list.ToArray();
            copy[index] = child;
            return copy;
        }

        // Leaves have no child to replace.
        public MathNode Visit(NumberNode node) => node;

        public MathNode Visit(SymbolNode node) => node;

        public MathNode Visit(ConstantNode node) => node;

        public MathNode Visit(TextNode node) => node;

        public MathNode Visit(ClockTimeNode node) => node;

        public MathNode Visit(AddNode node) => new AddNode(With(node.Terms));

        public MathNode Visit(NegateNode node) => new NegateNode(child);

        public MathNode Visit(PlusMinusNode node) => new PlusMinusNode(child);

        public MathNode Visit(MultiplyNode node) => new MultiplyNode(With(node.Factors));

        public MathNode Visit(DivideNode node) =>
            index == 0 ? new DivideNode(child, node.Denominator) : new DivideNode(node.Numerator, child);

        public MathNode Visit(PowerNode node) => index == 0 ? new PowerNode(child, node.Exponent) : new PowerNode(node.Base, child);

        public MathNode Visit(FunctionNode node) => new FunctionNode(node.Kind, With(node.Arguments), node.Name);

        public MathNode Visit(PercentNode node) => new PercentNode(child);

        public MathNode Visit(DegreeNode node) => new DegreeNode(child);

        public MathNode Visit(RelationNode node) => new RelationNode(With(node.Operands), node.Kinds);

        public MathNode Visit(SequenceNode node) => new SequenceNode(node.Kind, With(node.Items));

        public MathNode Visit(IntervalNode node) => index == 0
            ? new IntervalNode(child, node.Upper, node.LowerClosed, node.UpperClosed)
            : new IntervalNode(node.Lower, child, node.LowerClosed, node.UpperClosed);

        public MathNode Visit(SetOperationNode node) => new SetOperationNode(node.Kind, With(node.Operands));

        public MathNode Visit(MatrixNode node)
        {
            // Children are the cells row by row; rows are cut back at each row's own length.
            var cells = With(node.Children);
            var rows = new List<IReadOnlyList<MathNode>>(node.RowCount);
            var start = 0;
            foreach (var row in node.Rows)
            {
                rows.Add(cells.Skip(start).Take(row.Count).ToArray());
                start += row.Count;
            }

            return new MatrixNode(rows);
        }

        public MathNode Visit(AssignmentsNode node) => new AssignmentsNode(node.Names, With(node.Values));
    }
}
