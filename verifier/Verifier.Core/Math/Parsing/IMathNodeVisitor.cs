namespace Verifier.Core.Math.Parsing;

/// <summary>
/// One method per kind of <see cref="MathNode"/>. Every node implements <see cref="MathNode.Accept{TResult}"/>, so a new
/// kind must add a method here, and then every visitor (canonical keys, rebuilding, node roles) fails to compile until
/// it says how to handle it, instead of falling through a default that would, say, give all nodes of the new kind one
/// canonical key and so call them equal.
/// </summary>
internal interface IMathNodeVisitor<out TResult>
{
    TResult Visit(NumberNode node);

    TResult Visit(SymbolNode node);

    TResult Visit(ConstantNode node);

    TResult Visit(TextNode node);

    TResult Visit(ClockTimeNode node);

    TResult Visit(AddNode node);

    TResult Visit(NegateNode node);

    TResult Visit(PlusMinusNode node);

    TResult Visit(MultiplyNode node);

    TResult Visit(DivideNode node);

    TResult Visit(PowerNode node);

    TResult Visit(FunctionNode node);

    TResult Visit(PercentNode node);

    TResult Visit(DegreeNode node);

    TResult Visit(RelationNode node);

    TResult Visit(SequenceNode node);

    TResult Visit(IntervalNode node);

    TResult Visit(SetOperationNode node);

    TResult Visit(MatrixNode node);

    TResult Visit(AssignmentsNode node);
}
