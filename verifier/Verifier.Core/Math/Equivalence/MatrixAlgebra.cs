using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Carries out matrix arithmetic written in an answer (A + B, 2A, AB) symbolically, cell by cell, so the result
/// can be compared with a plain matrix.
/// </summary>
internal static class MatrixAlgebra
{
    private const int MaxCells = 400;

    /// <summary>Each matrix product nests the cell expressions one level deeper; long chains are not reduced.</summary>
    private const int MaxFactors = 16;

    public static MathNode Reduce(MathNode node)
    {
        if (node is MatrixNode || !NodeQueries.Contains(node, n => n is MatrixNode))
        {
            return node;
        }

        return TryReduce(node) ?? node;
    }

    private static MathNode? TryReduce(MathNode node)
    {
        switch (node)
        {
            case MatrixNode m:
                return m;
            case AddNode a when a.Terms.Count <= MaxFactors:
                {
                    MatrixNode? sum = null;
                    foreach (var term in a.Terms)
                    {
                        if (TryReduce(term) is not MatrixNode matrix)
                        {
                            return null;
                        }

                        sum = sum is null ? matrix : Combine(sum, matrix, (x, y) => new AddNode([x, y]));
                        if (sum is null)
                        {
                            return null;
                        }
                    }

                    return sum;
                }

            case NegateNode n:
                return TryReduce(n.Operand) is MatrixNode negated ? Map(negated, c => new NegateNode(c)) : null;
            case MultiplyNode m when m.Factors.Count <= MaxFactors:
                {
                    MathNode? product = null;
                    foreach (var factor in m.Factors)
                    {
                        var reduced = NodeQueries.Contains(factor, n => n is MatrixNode) ? TryReduce(factor) : factor;
                        if (reduced is null)
                        {
                            return null;
                        }

                        product = product is null ? reduced : MultiplyPair(product, reduced);
                        if (product is null)
                        {
                            return null;
                        }
                    }

                    return product;
                }

            case DivideNode d when !NodeQueries.Contains(d.Denominator, n => n is MatrixNode):
                return TryReduce(d.Numerator) is MatrixNode numerator ? Map(numerator, c => new DivideNode(c, d.Denominator)) : null;
            default:
                return null;
        }
    }

    private static MathNode? MultiplyPair(MathNode left, MathNode right)
    {
        switch (left, right)
        {
            case (MatrixNode a, MatrixNode b):
                {
                    if (a.ColumnCount != b.RowCount || a.RowCount * b.ColumnCount > MaxCells)
                    {
                        return null;
                    }

                    var rows = new List<IReadOnlyList<MathNode>>();
                    for (var i = 0; i < a.RowCount; i++)
                    {
                        var row = new List<MathNode>();
                        for (var j = 0; j < b.ColumnCount; j++)
                        {
                            var terms = new List<MathNode>();
                            for (var k = 0; k < a.ColumnCount; k++)
                            {
                                terms.Add(new MultiplyNode([a.Rows[i][k], b.Rows[k][j]]));
                            }

                            row.Add(new AddNode(terms));
                        }

                        rows.Add(row);
                    }

                    return new MatrixNode(rows);
                }

            case (MatrixNode a, _):
                return Map(a, c => new MultiplyNode([c, right]));
            case (_, MatrixNode b):
                return Map(b, c => new MultiplyNode([left, c]));
            default:
                return new MultiplyNode([left, right]);
        }
    }

    private static MatrixNode? Combine(MatrixNode a, MatrixNode b, Func<MathNode, MathNode, MathNode> combine)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
        {
            return null;
        }

        return new MatrixNode([.. a.Rows.Select((row, i) => (IReadOnlyList<MathNode>)[.. row.Select((cell, j) => combine(cell, b.Rows[i][j]))])]);
    }

    private static MatrixNode Map(MatrixNode m, Func<MathNode, MathNode> map) =>
        new([.. m.Rows.Select(row => (IReadOnlyList<MathNode>)[.. row.Select(map)])]);
}
