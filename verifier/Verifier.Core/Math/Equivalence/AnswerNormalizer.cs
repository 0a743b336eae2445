using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Rewrites a parsed answer into the value it states: "x = 5" is 5, "x = 5 + 5 + 1 = 11" is 11,
/// "x \in [0, 1)" is the interval, "1 \pm \sqrt 2" is a two-element set, "a = 4, -8, -10" is a list.
/// </summary>
internal static class AnswerNormalizer
{
    private const int MaxExpansions = 16;

    public static MathNode Normalize(MathNode node)
    {
        node = MatrixAlgebra.Reduce(node);
        switch (node)
        {
            case RelationNode relation:
                {
                    var value = StatedValue(relation);
                    return value is null ? relation : Normalize(value);
                }

            case SequenceNode { Kind: SequenceKind.List } list:
                return NormalizeList(list.Items);
            case SequenceNode { Kind: SequenceKind.Set } set:
                return new SequenceNode(SequenceKind.Set, NormalizeItems(set.Items));
            case SequenceNode sequence:
                return new SequenceNode(sequence.Kind, [.. sequence.Items.Select(Normalize)]);
            case SetOperationNode operation:
                return new SetOperationNode(operation.Kind, [.. operation.Operands.Select(Normalize)]);
            default:
                if (NodeQueries.IsScalar(node) && NodeQueries.ContainsPlusMinus(node))
                {
                    var expanded = Expand(node);
                    return expanded.Count == 1 ? expanded[0] : new SequenceNode(SequenceKind.Set, expanded);
                }

                return node;
        }
    }

    /// <summary>The value a relation states, or null when it is a genuine equation or inequality.</summary>
    public static MathNode? StatedValue(RelationNode relation)
    {
        var operands = relation.Operands;
        var kinds = relation.Kinds;
        if (kinds.Count == 1 && kinds[0] == RelationKind.In && NodeQueries.IsNameLike(operands[0]))
        {
            return operands[1];
        }

        if (!kinds.All(k => k is RelationKind.Equal or RelationKind.Approx))
        {
            return null;
        }

        // "x = 1/3 \approx 0.33": the value is the exact part, up to the first \approx; what follows only approximates
        // it (ApproximationCheck makes sure it does). "1 \approx 2" states 1, and "x \approx 2" (no exact value) states 2.
        var count = ExactPartLength(relation);
        if (count == 1)
        {
            return NodeQueries.IsNameLike(operands[0]) ? operands[1] : HasVariables(operands[0]) ? null : operands[0];
        }

        if (count >= 3)
        {
            return operands[count - 1];
        }

        var left = operands[0];
        var right = operands[1];
        if (NodeQueries.IsNameLike(left))
        {
            return right;
        }

        if (NodeQueries.IsNameLike(right) && !HasVariables(left))
        {
            return left;
        }

        // "\frac12 = \frac{10}{9}": two plain values; the last one is the answer given.
        return !HasVariables(left) && !HasVariables(right) ? right : null;
    }

    /// <summary>How many operands come before the first \approx (\simeq, \sim, ≈) takes over; all of them when none does.</summary>
    public static int ExactPartLength(RelationNode relation)
    {
        for (var i = 0; i < relation.Kinds.Count; i++)
        {
            if (relation.Kinds[i] == RelationKind.Approx)
            {
                return i + 1;
            }
        }

        return relation.Operands.Count;
    }

    private static bool HasVariables(MathNode node)
    {
        var variables = new SortedSet<string>(StringComparer.Ordinal);
        NodeQueries.CollectVariables(node, variables);
        return variables.Count > 0;
    }

    private static MathNode NormalizeList(IReadOnlyList<MathNode> items)
    {
        var names = new List<string>();
        var values = new List<MathNode>();
        var allAssignments = true;
        foreach (var item in items)
        {
            if (item is RelationNode { Kinds: [RelationKind.Equal] } relation && NodeQueries.IsNameLike(relation.Operands[0]))
            {
                names.Add(CanonicalKey.Of(relation.Operands[0]));
                values.AddRange(NormalizeItems([relation.Operands[1]]));
            }
            else
            {
                allAssignments = false;
                values.AddRange(NormalizeItems([item]));
            }
        }

        // Distinct names (p = 5, q = 2) form a named tuple; x_1, x_2 or repeated x are a solution list.
        if (allAssignments && values.Count == names.Count && names.Distinct(StringComparer.Ordinal).Count() == names.Count && !SameBaseName(names))
        {
            return new AssignmentsNode(names, values);
        }

        return values.Count == 1 ? values[0] : new SequenceNode(SequenceKind.List, values);
    }

    private static bool SameBaseName(List<string> names)
    {
        static string Base(string name)
        {
            var trimmed = name.Trim('\'');
            var underscore = trimmed.IndexOf('_', StringComparison.Ordinal);
            return underscore < 0 ? trimmed : trimmed[..underscore];
        }

        return names.Count > 1 && names.All(n => n.Contains('_', StringComparison.Ordinal)) && names.Select(Base).Distinct(StringComparer.Ordinal).Count() == 1;
    }

    /// <summary>Normalizes items of a list or set; an item with \pm becomes its expansions, in place.</summary>
    private static List<MathNode> NormalizeItems(IEnumerable<MathNode> items)
    {
        var result = new List<MathNode>();
        foreach (var item in items)
        {
            if (NodeQueries.IsScalar(item) && NodeQueries.ContainsPlusMinus(item))
            {
                result.AddRange(Expand(item));
            }
            else
            {
                result.Add(Normalize(item));
            }
        }

        return result;
    }

    /// <summary>Expands every \pm in a scalar into both signs (each \pm independently, up to a limit).</summary>
    public static List<MathNode> Expand(MathNode node)
    {
        var results = new List<MathNode> { node };
        while (true)
        {
            var next = new List<MathNode>();
            var changed = false;
            foreach (var candidate in results)
            {
                if (TryExpandFirst(candidate, out var plus, out var minus))
                {
                    next.Add(plus);
                    next.Add(minus);
                    changed = true;
                }
                else
                {
                    next.Add(candidate);
                }
            }

            if (!changed || next.Count > MaxExpansions)
            {
                return changed ? results : next;
            }

            results = next;
        }
    }

    private static bool TryExpandFirst(MathNode node, out MathNode plus, out MathNode minus)
    {
        plus = minus = node;
        if (node is PlusMinusNode pm)
        {
            plus = pm.Operand;
            minus = new NegateNode(pm.Operand);
            return true;
        }

        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (TryExpandFirst(children[i], out var childPlus, out var childMinus))
            {
                plus = NodeRebuilder.ReplaceChild(node, i, childPlus);
                minus = NodeRebuilder.ReplaceChild(node, i, childMinus);
                return true;
            }
        }

        return false;
    }
}
