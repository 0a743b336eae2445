using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Math.Parsing;

/// <summary>A node of the expression tree that LaTeX and plain-text answers are parsed into.</summary>
internal abstract class MathNode
{
    /// <summary>Child nodes, for generic walks (free variables, depth, expansion).</summary>
    public abstract IReadOnlyList<MathNode> Children { get; }

    /// <summary>Dispatches to the visitor's method for this kind (see <see cref="IMathNodeVisitor{TResult}"/>).</summary>
    public abstract TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor);

    /// <summary>
    /// The canonical key, computed once: trees are immutable and a cached gold tree is compared many times.
    /// Racing threads compute the same string, so a plain field is safe.
    /// </summary>
    internal string? CachedKey { get; set; }
}

/// <summary>A literal number. <see cref="IsDecimal"/> remembers a written decimal point (0.5 vs 1/2).</summary>
internal sealed class NumberNode(BigRational value, bool isDecimal = false) : MathNode
{
    public BigRational Value { get; } = value;

    public bool IsDecimal { get; } = isDecimal;

    public override IReadOnlyList<MathNode> Children => [];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A variable or a name (x, x_1, \alpha, AB).</summary>
internal sealed class SymbolNode(string name) : MathNode
{
    public string Name { get; } = name;

    public override IReadOnlyList<MathNode> Children => [];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal enum ConstantKind
{
    Pi,
    E,
    I,
    Infinity,
}

internal sealed class ConstantNode(ConstantKind kind) : MathNode
{
    public ConstantKind Kind { get; } = kind;

    public override IReadOnlyList<MathNode> Children => [];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Free text (\text{Evelyn}, a choice letter); compared as normalized text.</summary>
internal sealed class TextNode(string text) : MathNode
{
    public string Text { get; } = text;

    public override IReadOnlyList<MathNode> Children => [];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// A time of day (4:30 p.m., 16:30). <see cref="Hour"/> is 0-23 when the half of the day is known (a.m./p.m. written,
/// or a 24-hour form such as 16:30 or 0:15); a bare 1:00-12:59 keeps its written hour and leaves it unknown.
/// </summary>
internal sealed class ClockTimeNode(int hour, int minute, bool halfDayKnown) : MathNode
{
    public int Hour { get; } = hour;

    public int Minute { get; } = minute;

    public bool HalfDayKnown { get; } = halfDayKnown;

    public override IReadOnlyList<MathNode> Children => [];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class AddNode(IReadOnlyList<MathNode> terms) : MathNode
{
    public IReadOnlyList<MathNode> Terms { get; } = terms;

    public override IReadOnlyList<MathNode> Children => Terms;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class NegateNode(MathNode operand) : MathNode
{
    public MathNode Operand { get; } = operand;

    public override IReadOnlyList<MathNode> Children => [Operand];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A term written with \pm: it stands for both +Operand and -Operand.</summary>
internal sealed class PlusMinusNode(MathNode operand) : MathNode
{
    public MathNode Operand { get; } = operand;

    public override IReadOnlyList<MathNode> Children => [Operand];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class MultiplyNode(IReadOnlyList<MathNode> factors) : MathNode
{
    public IReadOnlyList<MathNode> Factors { get; } = factors;

    public override IReadOnlyList<MathNode> Children => Factors;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class DivideNode(MathNode numerator, MathNode denominator) : MathNode
{
    public MathNode Numerator { get; } = numerator;

    public MathNode Denominator { get; } = denominator;

    public override IReadOnlyList<MathNode> Children => [Numerator, Denominator];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class PowerNode(MathNode baseNode, MathNode exponent) : MathNode
{
    public MathNode Base { get; } = baseNode;

    public MathNode Exponent { get; } = exponent;

    public override IReadOnlyList<MathNode> Children => [Base, Exponent];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal enum FunctionKind
{
    Sqrt,
    Root,
    Sin,
    Cos,
    Tan,
    Sec,
    Csc,
    Cot,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Ln,
    Log,
    Exp,
    Abs,
    Floor,
    Ceiling,
    Factorial,
    DoubleFactorial,
    Binomial,
    Gcd,
    Lcm,
    Max,
    Min,

    /// <summary>Anything we keep for structural comparison only (\sum, \int, unknown operators).</summary>
    Opaque,
}

/// <summary>A function application. Root takes (radicand, index); Log takes (argument, base?).</summary>
internal sealed class FunctionNode(FunctionKind kind, IReadOnlyList<MathNode> arguments, string? name = null) : MathNode
{
    public FunctionKind Kind { get; } = kind;

    public IReadOnlyList<MathNode> Arguments { get; } = arguments;

    /// <summary>The operator's name for <see cref="FunctionKind.Opaque"/> nodes.</summary>
    public string? Name { get; } = name;

    public override IReadOnlyList<MathNode> Children => Arguments;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>x% : the value x/100, though "28%" also matches a bare 28.</summary>
internal sealed class PercentNode(MathNode operand) : MathNode
{
    public MathNode Operand { get; } = operand;

    public override IReadOnlyList<MathNode> Children => [Operand];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>x° : compared as the number x, or as x*pi/180 against a radian value.</summary>
internal sealed class DegreeNode(MathNode operand) : MathNode
{
    public MathNode Operand { get; } = operand;

    public override IReadOnlyList<MathNode> Children => [Operand];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal enum RelationKind
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Approx,
    In,
    NotIn,
    Subset,
    Equiv,
}

/// <summary>A chain a op1 b op2 c ... (x = 5, 0 &lt; x &lt; 1, x \in [0,1]).</summary>
internal sealed class RelationNode(IReadOnlyList<MathNode> operands, IReadOnlyList<RelationKind> kinds) : MathNode
{
    public IReadOnlyList<MathNode> Operands { get; } = operands;

    public IReadOnlyList<RelationKind> Kinds { get; } = kinds;

    public override IReadOnlyList<MathNode> Children => Operands;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal enum SequenceKind
{
    /// <summary>(a, b, c): ordered.</summary>
    Tuple,

    /// <summary>[a, b, c] with more than two items: ordered.</summary>
    Bracket,

    /// <summary>\{a, b\}: unordered, duplicates ignored.</summary>
    Set,

    /// <summary>a, b, c or "a and b": a solution list, unordered against sets and lists.</summary>
    List,

    /// <summary>a : b : c.</summary>
    Ratio,
}

internal sealed class SequenceNode(SequenceKind kind, IReadOnlyList<MathNode> items) : MathNode
{
    public SequenceKind Kind { get; } = kind;

    public IReadOnlyList<MathNode> Items { get; } = items;

    public override IReadOnlyList<MathNode> Children => Items;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class IntervalNode(MathNode lower, MathNode upper, bool lowerClosed, bool upperClosed) : MathNode
{
    public MathNode Lower { get; } = lower;

    public MathNode Upper { get; } = upper;

    public bool LowerClosed { get; } = lowerClosed;

    public bool UpperClosed { get; } = upperClosed;

    public override IReadOnlyList<MathNode> Children => [Lower, Upper];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal enum SetOperationKind
{
    Union,
    Intersection,
    Difference,
}

internal sealed class SetOperationNode(SetOperationKind kind, IReadOnlyList<MathNode> operands) : MathNode
{
    public SetOperationKind Kind { get; } = kind;

    public IReadOnlyList<MathNode> Operands { get; } = operands;

    public override IReadOnlyList<MathNode> Children => Operands;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

internal sealed class MatrixNode(IReadOnlyList<IReadOnlyList<MathNode>> rows) : MathNode
{
    public IReadOnlyList<IReadOnlyList<MathNode>> Rows { get; } = rows;

    public int RowCount => Rows.Count;

    public int ColumnCount => Rows.Count == 0 ? 0 : Rows[0].Count;

    public override IReadOnlyList<MathNode> Children => [.. Rows.SelectMany(r => r)];

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// A list of assignments to distinct names ("p = 5, q = 2"): equal to another such list with the same names
/// and values in any order, or to a plain tuple in the written order. Made by normalization, never by the parser.
/// </summary>
internal sealed class AssignmentsNode(IReadOnlyList<string> names, IReadOnlyList<MathNode> values) : MathNode
{
    public IReadOnlyList<string> Names { get; } = names;

    public IReadOnlyList<MathNode> Values { get; } = values;

    public override IReadOnlyList<MathNode> Children => Values;

    public override TResult Accept<TResult>(IMathNodeVisitor<TResult> visitor) => visitor.Visit(this);
}
