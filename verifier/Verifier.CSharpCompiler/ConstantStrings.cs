using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verifier.CSharpCompiler;

/// <summary>
/// Roslyn folds string constants lazily, but emitting one materialises it: ten constants that each concatenate the
/// previous one ten times spell a billion characters, which took 20 s and 4 GB in the verifier before Roslyn gave up
/// with an exception. This estimates, from the syntax alone and before anything is bound, the longest string a
/// concatenation could fold to: every literal counts its length, every reference to a constant the (estimated) length
/// of that constant. It over-estimates (a name may not be a string constant), which only matters far above any real
/// program's constants.
/// </summary>
internal static class ConstantStrings
{
    public const long MaxChars = 1_000_000;

    public static long LongestEstimate(SyntaxNode root)
    {
        var constants = new Dictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword) ||
                declaration.Parent is LocalDeclarationStatementSyntax { IsConst: true })
            {
                foreach (var variable in declaration.Variables.Where(v => v.Initializer is not null))
                {
                    Add(constants, variable.Identifier.ValueText, variable.Initializer!.Value);
                }
            }
        }

        var lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        var longest = 0L;
        foreach (var expression in root.DescendantNodes().Where(StartsEstimate))
        {
            longest = Math.Max(longest, Estimate(expression, constants, lengths, []));
        }

        return longest;
    }

    private static void Add(Dictionary<string, List<ExpressionSyntax>> constants, string name, ExpressionSyntax value)
    {
        if (!constants.TryGetValue(name, out var values))
        {
            constants[name] = values = [];
        }

        values.Add(value);
    }

    /// <summary>The syntax through which a constant string's value can flow into a longer constant.</summary>
    private static bool Folds(SyntaxNode? node) =>
        node is BinaryExpressionSyntax or ParenthesizedExpressionSyntax or InterpolatedStringExpressionSyntax or InterpolationSyntax
            or CastExpressionSyntax or ConditionalExpressionSyntax or CheckedExpressionSyntax or MemberAccessExpressionSyntax;

    /// <summary>
    /// The top of a chain of folding syntax (or a lone name): the value of everything beneath it ends here. Each is
    /// estimated without descending into the next such top below it (an argument of a call inside it, say), which is
    /// estimated on its own: every node is walked once, where walking each top's whole subtree was quadratic in the
    /// nesting of calls (27 KB of <c>a + F(a + F(...))</c> took 3.5 s).
    /// </summary>
    private static bool StartsEstimate(SyntaxNode node) =>
        (node is IdentifierNameSyntax || (node is ExpressionSyntax && Folds(node))) && !Folds(node.Parent);

    private static long Estimate(SyntaxNode expression, Dictionary<string, List<ExpressionSyntax>> constants, Dictionary<string, long> lengths, HashSet<string> visiting)
    {
        long total = 0;
        foreach (var node in expression.DescendantNodesAndSelf(n => n == expression || !StartsEstimate(n)))
        {
            total = Saturating(total, node switch
            {
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText.Length,
                InterpolatedStringTextSyntax text => text.TextToken.ValueText.Length,
                IdentifierNameSyntax name => ConstantLength(name.Identifier.ValueText, constants, lengths, visiting),
                _ => 0,
            });
        }

        return total;
    }

    private static long ConstantLength(string name, Dictionary<string, List<ExpressionSyntax>> constants, Dictionary<string, long> lengths, HashSet<string> visiting)
    {
        if (lengths.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!constants.TryGetValue(name, out var values) || !visiting.Add(name))
        {
            return 0; // not a constant, or a cycle (which the compiler reports)
        }

        var length = values.Select(v => Estimate(v, constants, lengths, visiting)).Max();
        visiting.Remove(name);
        lengths[name] = length;
        return length;
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
