using System.Text;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// A canonical string for a tree: sums and products sorted, sets sorted, numbers by value. Equal keys mean
/// equal expressions (a cheap, certain shortcut before any evaluation); different keys mean nothing.
/// </summary>
internal static class CanonicalKey
{
    public static string Of(MathNode node)
    {
        if (node.CachedKey is { } cached)
        {
            return cached;
        }

        var builder = new StringBuilder();
        Write(node, builder);
        var key = builder.ToString();
        node.CachedKey = key;
        return key;
    }

    private static string Sorted(IEnumerable<MathNode> nodes, string separator)
    {
        var keys = nodes.Select(Of).ToList();
        keys.Sort(StringComparer.Ordinal);
        return string.Join(separator, keys);
    }

    private static void Write(MathNode node, StringBuilder b)
    {
        switch (node)
        {
            case NumberNode n:
                b.Append(n.Value.ToString());
                break;
            case SymbolNode s:
                b.Append('\'').Append(s.Name).Append('\'');
                break;
            case ConstantNode c:
                b.Append('#').Append(c.Kind.ToString());
                break;
            case TextNode t:
                b.Append("text\"").Append(t.Text).Append('"');
                break;
            case AddNode a:
                b.Append("add(").Append(Sorted(a.Terms, ",")).Append(')');
                break;
            case NegateNode neg:
                b.Append("neg(");
                Write(neg.Operand, b);
                b.Append(')');
                break;
            case PlusMinusNode pm:
                b.Append("pm(");
                Write(pm.Operand, b);
                b.Append(')');
                break;
            case MultiplyNode m:
                b.Append("mul(").Append(Sorted(m.Factors, ",")).Append(')');
                break;
            case FunctionNode { Kind: FunctionKind.Gcd or FunctionKind.Lcm or FunctionKind.Max or FunctionKind.Min } f:
                b.Append(f.Kind.ToString()).Append('(').Append(Sorted(f.Arguments, ",")).Append(')');
                break;
            case FunctionNode f:
                b.Append(f.Kind == FunctionKind.Opaque ? f.Name : f.Kind.ToString()).Append('(');
                WriteList(f.Arguments, b);
                b.Append(')');
                break;
            case SequenceNode { Kind: SequenceKind.Set } set:
                b.Append("set{").Append(Sorted(set.Items, ";")).Append('}');
                break;
            case SequenceNode seq:
                b.Append(seq.Kind.ToString()).Append('[');
                WriteList(seq.Items, b);
                b.Append(']');
                break;
            case SetOperationNode { Kind: SetOperationKind.Union or SetOperationKind.Intersection } op:
                b.Append(op.Kind.ToString()).Append('{').Append(Sorted(op.Operands, ";")).Append('}');
                break;
            default:
                WriteGeneric(node, b);
                break;
        }
    }

    private static void WriteGeneric(MathNode node, StringBuilder b)
    {
        switch (node)
        {
            case DivideNode d:
                b.Append("div(");
                Write(d.Numerator, b);
                b.Append(',');
                Write(d.Denominator, b);
                b.Append(')');
                break;
            case PowerNode p:
                b.Append("pow(");
                Write(p.Base, b);
                b.Append(',');
                Write(p.Exponent, b);
                b.Append(')');
                break;
            case PercentNode p:
                b.Append("pct(");
                Write(p.Operand, b);
                b.Append(')');
                break;
            case DegreeNode d:
                b.Append("deg(");
                Write(d.Operand, b);
                b.Append(')');
                break;
            case RelationNode r:
                b.Append("rel(");
                for (var i = 0; i < r.Operands.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(' ').Append(r.Kinds[i - 1].ToString()).Append(' ');
                    }

                    Write(r.Operands[i], b);
                }

                b.Append(')');
                break;
            case IntervalNode i:
                b.Append(i.LowerClosed ? '[' : '(');
                Write(i.Lower, b);
                b.Append(',');
                Write(i.Upper, b);
                b.Append(i.UpperClosed ? ']' : ')');
                break;
            case SetOperationNode op:
                b.Append(op.Kind.ToString()).Append('(');
                WriteList(op.Operands, b);
                b.Append(')');
                break;
            case AssignmentsNode assignments:
                b.Append("assign(");
                for (var i = 0; i < assignments.Names.Count; i++)
                {
                    b.Append(assignments.Names[i]).Append('=');
                    Write(assignments.Values[i], b);
                    b.Append(';');
                }

                b.Append(')');
                break;
            case MatrixNode m:
                b.Append("matrix[");
                foreach (var row in m.Rows)
                {
                    WriteList(row, b);
                    b.Append(';');
                }

                b.Append(']');
                break;
            default:
                b.Append('?').Append(node.GetType().Name);
                break;
        }
    }

    private static void WriteList(IReadOnlyList<MathNode> nodes, StringBuilder b)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            Write(nodes[i], b);
        }
    }
}
