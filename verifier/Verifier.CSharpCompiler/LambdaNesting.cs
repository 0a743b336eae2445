using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verifier.CSharpCompiler;

/// <summary>
/// Roslyn binds a lambda passed to an overloaded method once per candidate overload, so the work grows as
/// overloads^depth, and that binding does not look at the cancellation token: three overloads nested ten deep took
/// 8 s here, fifteen deep nine minutes. Real code rarely nests lambdas more than three or four deep, so deeper
/// nesting is refused before anything is bound. A query expression is lambdas too (each clause becomes one), so a
/// nested query counts as a level.
/// </summary>
internal static class LambdaNesting
{
    public const int Max = 6;

    public static int Deepest(SyntaxNode root)
    {
        // Iterative: a hostile tree may be deep enough to overflow a recursive walk.
        var deepest = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax)
            {
                depth++;
                deepest = Math.Max(deepest, depth);
            }

            foreach (var child in node.ChildNodes())
            {
                pending.Push((child, depth));
            }
        }

        return deepest;
    }
}
