using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Evaluates a tree to a complex ball at the context's precision. Throws <see cref="EvaluationException"/>
/// where the value is undefined or cannot be bounded (the caller treats that point as unusable).
/// </summary>
internal sealed class BallEvaluator
{
    private readonly BallContext _context;
    private readonly IReadOnlyDictionary<string, BigRational>? _variables;
    private readonly ExactEvaluator _exact;

    /// <param name="context">Precision, budget and resolution tracking.</param>
    /// <param name="variables">Values of the free variables at this sample point.</param>
    /// <param name="exact">An exact evaluator for the same point (with memo), shared across precisions.</param>
    public BallEvaluator(BallContext context, IReadOnlyDictionary<string, BigRational>? variables, ExactEvaluator exact)
    {
        _context = context;
        _variables = variables;
        _exact = exact;
    }

    public ComplexBall Evaluate(MathNode node)
    {
        // Exact subtrees (rational arithmetic, sin(pi/6)) become exact balls: no rounding, no spurious doubt.
        if (node is not NumberNode && node is not SymbolNode && _exact.TryEvaluate(node, out var exact))
        {
            return FromExact(exact);
        }

        return EvaluateInexact(node);
    }

    private ComplexBall FromExact(GaussianRational value) =>
        value.IsReal ? new ComplexBall(_context.FromRational(value.Re)) : new ComplexBall(_context.FromRational(value.Re), _context.FromRational(value.Im));

    private ComplexBall EvaluateInexact(MathNode node)
    {
        _context.Budget.Tick();
        switch (node)
        {
            case NumberNode n:
                return new ComplexBall(_context.FromRational(n.Value));
            case SymbolNode { Name: "e" }:
                return _context.Exp(new ComplexBall(_context.Exact(1)));
            case SymbolNode { Name: "i" }:
                return new ComplexBall(RealBall.ExactZero, _context.Exact(1));
            case SymbolNode s:
                if (_variables is not null && _variables.TryGetValue(s.Name, out var value))
                {
                    return new ComplexBall(_context.FromRational(value));
                }

                throw new EvaluationException($"unbound variable {s.Name}");
            case ConstantNode c:
                return c.Kind switch
                {
                    ConstantKind.Pi => new ComplexBall(_context.Pi()),
                    ConstantKind.E => _context.Exp(new ComplexBall(_context.Exact(1))),
                    ConstantKind.I => new ComplexBall(RealBall.ExactZero, _context.Exact(1)),
                    _ => throw new EvaluationException("infinity has no value"),
                };
            case AddNode a:
                {
                    var sum = Evaluate(a.Terms[0]);
                    for (var i = 1; i < a.Terms.Count; i++)
                    {
                        sum = _context.Add(sum, Evaluate(a.Terms[i]));
                    }

                    return sum;
                }

            case NegateNode neg:
                return Evaluate(neg.Operand).Negate();
            case MultiplyNode m:
                {
                    var product = Evaluate(m.Factors[0]);
                    for (var i = 1; i < m.Factors.Count; i++)
                    {
                        product = _context.Multiply(product, Evaluate(m.Factors[i]));
                    }

                    return product;
                }

            case DivideNode d:
                return _context.Divide(Evaluate(d.Numerator), Evaluate(d.Denominator));
            case PowerNode p:
                {
                    var exponentExact = _exact.TryEvaluate(p.Exponent, out var e) && e.IsReal ? e.Re : (BigRational?)null;
                    var exponent = exponentExact is { } q ? new ComplexBall(_context.FromRational(q)) : Evaluate(p.Exponent);
                    return _context.Pow(Evaluate(p.Base), exponent, exponentExact);
                }

            case PercentNode pct:
                return _context.Divide(Evaluate(pct.Operand), new ComplexBall(_context.Exact(100)));
            case DegreeNode deg:
                return Evaluate(deg.Operand);
            case FunctionNode f:
                return EvaluateFunction(f);
            default:
                throw new EvaluationException($"{node.GetType().Name} has no numeric value");
        }
    }

    private ComplexBall EvaluateFunction(FunctionNode f)
    {
        var c = _context;
        switch (f.Kind)
        {
            case FunctionKind.Sqrt:
                return c.Sqrt(Evaluate(f.Arguments[0]));
            case FunctionKind.Root:
                {
                    if (!_exact.TryEvaluateReal(f.Arguments[1], out var index) || !index.IsInteger || index.Sign <= 0)
                    {
                        throw new EvaluationException("root index must be a positive integer");
                    }

                    var exponent = index.Reciprocal();
                    return c.Pow(Evaluate(f.Arguments[0]), new ComplexBall(c.FromRational(exponent)), exponent);
                }

            case FunctionKind.Sin:
                return c.Sin(Evaluate(f.Arguments[0]));
            case FunctionKind.Cos:
                return c.Cos(Evaluate(f.Arguments[0]));
            case FunctionKind.Tan:
                return c.Tan(Evaluate(f.Arguments[0]));
            case FunctionKind.Sec:
                return c.Divide(new ComplexBall(c.Exact(1)), c.Cos(Evaluate(f.Arguments[0])));
            case FunctionKind.Csc:
                return c.Divide(new ComplexBall(c.Exact(1)), c.Sin(Evaluate(f.Arguments[0])));
            case FunctionKind.Cot:
                return c.Divide(new ComplexBall(c.Exact(1)), c.Tan(Evaluate(f.Arguments[0])));
            case FunctionKind.Asin:
                return c.Asin(Evaluate(f.Arguments[0]));
            case FunctionKind.Acos:
                return c.Acos(Evaluate(f.Arguments[0]));
            case FunctionKind.Atan:
                return c.Atan(Evaluate(f.Arguments[0]));
            case FunctionKind.Sinh or FunctionKind.Cosh or FunctionKind.Tanh:
                return Hyperbolic(f.Kind, Evaluate(f.Arguments[0]));
            case FunctionKind.Exp:
                return c.Exp(Evaluate(f.Arguments[0]));
            case FunctionKind.Ln:
                return c.Ln(Evaluate(f.Arguments[0]));
            case FunctionKind.Log:
                {
                    var ln = c.Ln(Evaluate(f.Arguments[0]));
                    return f.Arguments.Count < 2 ? ln : c.Divide(ln, c.Ln(Evaluate(f.Arguments[1])));
                }

            case FunctionKind.Abs:
                return c.Abs(Evaluate(f.Arguments[0]));
            case FunctionKind.Floor or FunctionKind.Ceiling:
                return RoundToInteger(f.Kind, Evaluate(f.Arguments[0]));
            default:
                throw new EvaluationException($"{f.Kind} has no numeric evaluation");
        }
    }

    private ComplexBall Hyperbolic(FunctionKind kind, ComplexBall x)
    {
        var c = _context;
        var ep = c.Exp(x);
        var em = c.Exp(x.Negate());
        var two = new ComplexBall(c.Exact(2));
        return kind switch
        {
            FunctionKind.Sinh => c.Divide(c.Subtract(ep, em), two),
            FunctionKind.Cosh => c.Divide(c.Add(ep, em), two),
            _ => c.Divide(c.Subtract(ep, em), c.Add(ep, em)),
        };
    }

    private ComplexBall RoundToInteger(FunctionKind kind, ComplexBall x)
    {
        if (!x.IsReal)
        {
            throw new EvaluationException("floor of a complex value");
        }

        var mid = x.Re.Mid.ToDouble();
        var candidate = kind == FunctionKind.Floor ? System.Math.Floor(mid) : System.Math.Ceiling(mid);
        var distance = System.Math.Min(System.Math.Abs(mid - System.Math.Floor(mid)), System.Math.Abs(System.Math.Ceiling(mid) - mid));
        if (System.Math.Abs(mid) > 1e15 || (distance < 1e-9 && !x.Re.IsExact) || double.IsNaN(candidate))
        {
            throw new EvaluationException("floor too close to an integer to decide", precisionLimited: true);
        }

        return new ComplexBall(_context.FromRational(BigRational.FromInteger(new System.Numerics.BigInteger(candidate))));
    }
}
