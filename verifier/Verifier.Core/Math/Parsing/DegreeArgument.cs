namespace Verifier.Core.Math.Parsing;

/// <summary>
/// Degrees inside a trigonometric argument: <c>\sin 30^\circ</c> is sin(π/6). A degree answer on its own
/// (<c>30^\circ</c>) stays a <see cref="DegreeNode"/>, matched against 30 and against π/6 alike; inside sin, cos, ...
/// there is only one meaning, so every degree there becomes x·π/180 and <c>\sin(90^\circ - x)</c> is cos x.
/// </summary>
internal static class DegreeArgument
{
    public static MathNode InRadians(MathNode node) => NodeRebuilder.Map(node, n => n is DegreeNode degree
        ? new DivideNode(new MultiplyNode([InRadians(degree.Operand), new ConstantNode(ConstantKind.Pi)]), new NumberNode(180))
        : null);
}
