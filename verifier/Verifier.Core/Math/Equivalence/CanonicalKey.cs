using System.Text;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// A canonical string for a tree: sums and products sorted, sets sorted, numbers by value. Equal keys mean
/// equal expressions (a cheap, certain shortcut before any evaluation); different keys mean nothing. Every node
/// kind writes its own tag and all of its fields: two different trees must never share a key.
/// </summary>
internal static class CanonicalKey
{
    public static string Of(MathNode node)
    {
        if (node.CachedKey is { } cached)
        {
            return cached;
        }

        var key = node.Accept(new KeyWriter(new StringBuilder())).ToString();
        node.CachedKey = key;
        return key;
    }

    private sealed class KeyWriter(StringBuilder b) : IMathNodeVisitor<StringBuilder>
    {
        public StringBuilder Visit(NumberNode node) => b.Append(node.Value.ToString());

        public StringBuilder Visit(SymbolNode node) => b.Append('\'').Append(node.Name).Append('\'');

        public StringBuilder Visit(ConstantNode node) => b.Append('#').Append(node.Kind.ToString());

        public StringBuilder Visit(TextNode node) => b.Append("text\"").Append(node.Text).Append('"');

        public StringBuilder Visit(ClockTimeNode node) => b.Append("time(").Append(node.Hour).Append(':').Append(node.Minute)
            .Append(node.HalfDayKnown ? ")" : "?)");

        public StringBuilder Visit(AddNode node) => b.Append("add(").Append(Sorted(node.Terms, ",")).Append(')');

        public StringBuilder Visit(NegateNode node) => Call("neg", [node.Operand]);

        public StringBuilder Visit(PlusMinusNode node) => Call("pm", [node.Operand]);

        public StringBuilder Visit(MultiplyNode node) => b.Append("mul(").Append(Sorted(node.Factors, ",")).Append(')');

        public StringBuilder Visit(DivideNode node) => Call("div", [node.Numerator, node.Denominator]);

        public StringBuilder Visit(PowerNode node) => Call("pow", [node.Base, node.Exponent]);

        public StringBuilder Visit(FunctionNode node) => node.Kind switch
        {
            // Symmetric in their arguments.
            FunctionKind.Gcd or FunctionKind.Lcm or FunctionKind.Max or FunctionKind.Min =>
                b.Append(node.Kind.ToString()).Append('(').Append(Sorted(node.Arguments, ",")).Append(')'),
            FunctionKind.Opaque => Call("opaque:" + node.Name, node.Arguments),
            _ => Call(node.Kind.ToString(), node.Arguments),
        };

        public StringBuilder Visit(PercentNode node) => Call("pct", [node.Operand]);

        public StringBuilder Visit(DegreeNode node) => Call("deg", [node.Operand]);

        public StringBuilder Visit(RelationNode node)
        {
            b.Append("rel(");
            for (var i = 0; i < node.Operands.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(' ').Append(node.Kinds[i - 1].ToString()).Append(' ');
                }

                node.Operands[i].Accept(this);
            }

            return b.Append(')');
        }

        public StringBuilder Visit(SequenceNode node) => node.Kind == SequenceKind.Set
            ? b.Append("set{").Append(Sorted(node.Items, ";")).Append('}')
            : Bracketed(node.Kind.ToString(), node.Items);

        public StringBuilder Visit(IntervalNode node)
        {
            b.Append(node.LowerClosed ? '[' : '(');
            node.Lower.Accept(this);
            b.Append(',');
            node.Upper.Accept(this);
            return b.Append(node.UpperClosed ? ']' : ')');
        }

        public StringBuilder Visit(SetOperationNode node) => node.Kind is SetOperationKind.Union or SetOperationKind.Intersection
            ? b.Append(node.Kind.ToString()).Append('{').Append(Sorted(node.Operands, ";")).Append('}')
            : Call(node.Kind.ToString(), node.Operands);

        public StringBuilder Visit(MatrixNode node)
        {
            b.Append("matrix[");
            foreach (var row in node.Rows)
            {
                List(row).Append(';');
            }

            return b.Append(']');
        }

        public StringBuilder Visit(AssignmentsNode node)
        {
            b.Append("assign(");
            for (var i = 0; i < node.Names.Count; i++)
            {
                b.Append(node.Names[i]).Append('=');
                node.Values[i].Accept(this);
                b.Append(';');
            }

            return b.Append(')');
        }

        private static string Sorted(IEnumerable<MathNode> nodes, string separator)
        {
            var keys = nodes.Select(Of).ToList();
            keys.Sort(StringComparer.Ordinal);
            return string.Join(separator, keys);
        }

        /// <summary>Children in written order, straight into the builder (only sorted children need keys of their own).</summary>
        private StringBuilder List(IReadOnlyList<MathNode> nodes)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(',');
                }

                nodes[i].Accept(this);
            }

            return b;
        }

        private StringBuilder Bracketed(string name, IReadOnlyList<MathNode> items)
        {
            b.Append(name).Append('[');
            return List(items).Append(']');
        }

        private StringBuilder Call(string name, IReadOnlyList<MathNode> arguments)
        {
            b.Append(name).Append('(');
            return List(arguments).Append(')');
        }
    }
}
