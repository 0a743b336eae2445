using System.Reflection;
using Verifier.Core.Math.Equivalence;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Tests.Math.Parsing;

/// <summary>
/// Issue 18: every node kind is handled explicitly (a visitor method per kind), so adding one is a compiler error at
/// every place that must handle it. The compiler checks the visitors; these tests check the list they are checked against.
/// </summary>
public sealed class NodeKindsTests
{
    private static readonly Type[] NodeKinds =
        [.. typeof(MathNode).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(MathNode)) && !t.IsAbstract)];

    [Fact]
    public void EveryNodeKind_HasItsOwnVisitorMethod()
    {
        var visited = typeof(IMathNodeVisitor<>).GetMethods().Select(m => m.GetParameters().Single().ParameterType).ToHashSet();

        Assert.NotEmpty(NodeKinds);
        Assert.All(NodeKinds, kind => Assert.Contains(kind, visited));
        Assert.Equal(NodeKinds.Length, visited.Count);
    }

    [Fact]
    public void EveryNodeKind_LivesWithTheOthers()
    {
        Assert.All(NodeKinds, kind =>
        {
            Assert.True(kind.IsSealed, kind.Name);
            Assert.Equal(typeof(MathNode).Namespace, kind.Namespace);
        });
    }

    [Fact]
    public void EveryNodeKind_OverridesAccept()
    {
        Assert.All(NodeKinds, kind =>
            Assert.Equal(kind, kind.GetMethod(nameof(MathNode.Accept), BindingFlags.Public | BindingFlags.Instance)!.DeclaringType));
    }

    [Fact]
    public void CanonicalKey_WhenOpaqueOperatorIsNamedLikeAKnownFunction_DiffersFromIt()
    {
        var opaque = new FunctionNode(FunctionKind.Opaque, [new NumberNode(1)], "Sin");
        var sine = new FunctionNode(FunctionKind.Sin, [new NumberNode(1)]);

        Assert.NotEqual(CanonicalKey.Of(sine), CanonicalKey.Of(opaque));
    }

    [Fact]
    public void ReplaceChild_WhenMatrixCellIsReplaced_KeepsTheShape()
    {
        var matrix = new MatrixNode([[new NumberNode(1), new NumberNode(2)], [new NumberNode(3), new NumberNode(4)]]);

        var replaced = (MatrixNode)NodeRebuilder.ReplaceChild(matrix, 2, new NumberNode(9));

        Assert.Equal("matrix[1,2;9,4;]", CanonicalKey.Of(replaced));
    }
}
