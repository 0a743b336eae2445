using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>What a node is to the comparers: a value they can evaluate, a value they cannot, or a structure.</summary>
internal enum NodeRole
{
    /// <summary>A number or an expression the evaluators compute (x + 1, \sin x, 30°).</summary>
    Value,

    /// <summary>An expression kept for structural comparison only (\sum, \int, unknown operators).</summary>
    OpaqueValue,

    /// <summary>Not a single value: text, times of day, relations, lists, sets, intervals, matrices, assignments.</summary>
    Structure,
}

/// <summary>
/// The role of each node kind, decided per kind (a visitor), so that a new kind cannot silently become a value the
/// scalar comparer then mistreats.
/// </summary>
internal sealed class NodeRoles : IMathNodeVisitor<NodeRole>
{
    public static readonly NodeRoles Instance = new();

    private NodeRoles()
    {
    }

    public static NodeRole Of(MathNode node) => node.Accept(Instance);

    public NodeRole Visit(NumberNode node) => NodeRole.Value;

    public NodeRole Visit(SymbolNode node) => NodeRole.Value;

    public NodeRole Visit(ConstantNode node) => NodeRole.Value;

    public NodeRole Visit(TextNode node) => NodeRole.Structure;

    public NodeRole Visit(ClockTimeNode node) => NodeRole.Structure;

    public NodeRole Visit(AddNode node) => NodeRole.Value;

    public NodeRole Visit(NegateNode node) => NodeRole.Value;

    public NodeRole Visit(PlusMinusNode node) => NodeRole.Value;

    public NodeRole Visit(MultiplyNode node) => NodeRole.Value;

    public NodeRole Visit(DivideNode node) => NodeRole.Value;

    public NodeRole Visit(PowerNode node) => NodeRole.Value;

    public NodeRole Visit(FunctionNode node) => node.Kind == FunctionKind.Opaque ? NodeRole.OpaqueValue : NodeRole.Value;

    public NodeRole Visit(PercentNode node) => NodeRole.Value;

    public NodeRole Visit(DegreeNode node) => NodeRole.Value;

    public NodeRole Visit(RelationNode node) => NodeRole.Structure;

    public NodeRole Visit(SequenceNode node) => NodeRole.Structure;

    public NodeRole Visit(IntervalNode node) => NodeRole.Structure;

    public NodeRole Visit(SetOperationNode node) => NodeRole.Structure;

    public NodeRole Visit(MatrixNode node) => NodeRole.Structure;

    public NodeRole Visit(AssignmentsNode node) => NodeRole.Structure;
}
