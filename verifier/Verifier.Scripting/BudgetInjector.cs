using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Verifier.Scripting;

/// <summary>
/// Rewrites a script so that every loop iteration and every call of a method or local function first checks
/// the run's budget. Expression-bodied lambdas are left alone: their type is not known from syntax.
/// </summary>
internal sealed class BudgetInjector : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Check = ParseStatement("__Budget.Check();");

    public static SyntaxTree Inject(SyntaxTree tree) =>
        tree.WithRootAndOptions(new BudgetInjector().Visit(tree.GetRoot()), tree.Options);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        var body = GuardBody(visited.Body, visited.ExpressionBody, visited.ReturnType);
        return body is null ? visited : visited.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        var body = GuardBody(visited.Body, visited.ExpressionBody, visited.ReturnType);
        return body is null ? visited : visited.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default);
    }

    private static BlockSyntax? GuardBody(BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, TypeSyntax returnType)
    {
        if (body is not null)
        {
            return body.WithStatements(body.Statements.Insert(0, Check));
        }

        if (arrow is null)
        {
            return null;
        }

        var isVoid = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
        StatementSyntax statement = isVoid ? ExpressionStatement(arrow.Expression) : ReturnStatement(arrow.Expression.WithLeadingTrivia(Space));
        return Block(Check, statement);
    }

    private static StatementSyntax Guard(StatementSyntax statement) => statement is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, Check))
        : Block(Check, statement);
}
