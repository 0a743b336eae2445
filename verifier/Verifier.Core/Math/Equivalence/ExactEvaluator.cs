using System.Numerics;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Evaluates a tree exactly in the Gaussian rationals (a + bi, a and b rational), or reports that it cannot
/// (irrational, undefined, or too large). Exactness is what separates 2^100 from 2^100 + 1 and 1/2004! from
/// 1/2006!; numbers beyond <see cref="MaxBits"/> bits are left to the ball evaluator.
/// </summary>
internal sealed class ExactEvaluator
{
    /// <summary>Largest exact intermediate (64 Kibit: room for 2006!).</summary>
    public const long MaxBits = 1 << 16;

    private const int MaxFactorial = 6000;

    private readonly CheckBudget _budget;
    private readonly IReadOnlyDictionary<string, BigRational>? _variables;
    private readonly BigRational? _piValue;
    private Dictionary<MathNode, GaussianRational?>? _memo;

    /// <param name="budget">The check's budget.</param>
    /// <param name="variables">Values for the free variables, when evaluating at a sample point.</param>
    /// <param name="piValue">A stand-in for pi, used to recognise rational multiples of pi (sin(pi/6) = 1/2).</param>
    public ExactEvaluator(CheckBudget budget, IReadOnlyDictionary<string, BigRational>? variables = null, BigRational? piValue = null)
    {
        _budget = budget;
        _variables = variables;
        _piValue = piValue;
    }

    public CheckBudget Budget => _budget;

    /// <summary>Remembers results per node, for callers (the ball evaluator) that ask about every subtree.</summary>
    public ExactEvaluator WithMemo()
    {
        _memo ??= new Dictionary<MathNode, GaussianRational?>(ReferenceEqualityComparer.Instance);
        return this;
    }

    public bool TryEvaluate(MathNode node, out GaussianRational value)
    {
        value = default;
        try
        {
            var result = Evaluate(node);
            if (result is null)
            {
                return false;
            }

            value = result.Value;
            return true;
        }
        catch (DivideByZeroException)
        {
            return false;
        }
    }

    public bool TryEvaluateReal(MathNode node, out BigRational value)
    {
        value = default;
        if (!TryEvaluate(node, out var complex) || !complex.IsReal)
        {
            return false;
        }

        value = complex.Re;
        return true;
    }

    private GaussianRational? Checked(GaussianRational value)
    {
        var bits = value.BitSize;
        _budget.TickBits(bits);
        return bits > MaxBits ? null : value;
    }

    private GaussianRational? Evaluate(MathNode node)
    {
        if (_memo is null)
        {
            return EvaluateUncached(node);
        }

        if (_memo.TryGetValue(node, out var known))
        {
            return known;
        }

        var value = EvaluateUncached(node);
        _memo[node] = value;
        return value;
    }

    private GaussianRational? EvaluateUncached(MathNode node)
    {
        _budget.Tick();
        switch (node)
        {
            case NumberNode n:
                return Checked(GaussianRational.FromReal(n.Value));
            case SymbolNode s:
                if (s.Name == "i")
                {
                    return GaussianRational.I;
                }

                return _variables is not null && _variables.TryGetValue(s.Name, out var v) ? GaussianRational.FromReal(v) : null;
            case ConstantNode { Kind: ConstantKind.I }:
                return GaussianRational.I;
            case ConstantNode { Kind: ConstantKind.Pi } when _piValue is { } pi:
                return GaussianRational.FromReal(pi);
            case AddNode a:
                {
                    var sum = GaussianRational.Zero;
                    foreach (var term in a.Terms)
                    {
                        var t = Evaluate(term);
                        if (t is null)
                        {
                            return null;
                        }

                        sum += t.Value;
                    }

                    return Checked(sum);
                }

            case NegateNode neg:
                return Evaluate(neg.Operand) is { } x ? -x : null;
            case MultiplyNode m:
                {
                    var product = GaussianRational.One;
                    foreach (var factor in m.Factors)
                    {
                        var f = Evaluate(factor);
                        if (f is null)
                        {
                            return null;
                        }

                        product *= f.Value;
                        if (Checked(product) is null)
                        {
                            return null;
                        }
                    }

                    return product;
                }

            case DivideNode d:
                {
                    var numerator = Evaluate(d.Numerator);
                    var denominator = numerator is null ? null : Evaluate(d.Denominator);
                    if (denominator is null || denominator.Value.IsZero)
                    {
                        return null;
                    }

                    return Checked(numerator!.Value / denominator.Value);
                }

            case PowerNode p:
                return Power(p.Base, p.Exponent);
            case PercentNode pct:
                return Evaluate(pct.Operand) is { } inner ? inner / GaussianRational.FromReal(100) : null;
            case DegreeNode deg:
                return Evaluate(deg.Operand);
            case FunctionNode f:
                return EvaluateFunction(f);
            default:
                return null;
        }
    }

    private GaussianRational? Power(MathNode baseNode, MathNode exponentNode)
    {
        var exponent = Evaluate(exponentNode);
        if (exponent is not { IsReal: true } e)
        {
            return null;
        }

        var b = Evaluate(baseNode);
        if (b is null)
        {
            return null;
        }

        return PowerOf(b.Value, e.Re);
    }

    private GaussianRational? PowerOf(GaussianRational b, BigRational e)
    {
        if (e.IsZero)
        {
            return b.IsZero ? null : GaussianRational.One;
        }

        if (b.IsZero)
        {
            return e.Sign > 0 ? GaussianRational.Zero : null;
        }

        var numerator = e.Numerator;
        var denominator = e.Denominator;
        if (BigInteger.Abs(numerator) > int.MaxValue || denominator > 64)
        {
            return IsUnit(b) && e.IsInteger ? UnitPower(b, numerator) : null;
        }

        var n = (int)numerator;
        if (!e.IsInteger)
        {
            if (!b.IsReal)
            {
                return null;
            }

            var root = b.Re.TryRoot((int)denominator);
            if (root is null)
            {
                return null;
            }

            b = GaussianRational.FromReal(root.Value);
        }

        if (IsUnit(b))
        {
            return UnitPower(b, n);
        }

        // Refuse before computing when the result would exceed the size limit.
        if ((double)System.Math.Abs(n) * System.Math.Max(1, b.BitSize / 2) > MaxBits)
        {
            return null;
        }

        return Checked(b.Pow(n));
    }

    private static bool IsUnit(GaussianRational b) =>
        (b.IsReal && (b.Re == BigRational.One || b.Re == BigRational.MinusOne)) ||
        (b.Re.IsZero && (b.Im == BigRational.One || b.Im == BigRational.MinusOne));

    private static GaussianRational UnitPower(GaussianRational b, BigInteger n)
    {
        var k = (int)(((n % 4) + 4) % 4);
        var result = GaussianRational.One;
        for (var i = 0; i < k; i++)
        {
            result *= b;
        }

        return result;
    }

    private GaussianRational? EvaluateFunction(FunctionNode f)
    {
        switch (f.Kind)
        {
            case FunctionKind.Sqrt:
                return RootOf(f.Arguments[0], 2);
            case FunctionKind.Root:
                {
                    if (Evaluate(f.Arguments[1]) is not { IsReal: true } index || !index.Re.IsInteger || index.Re.Sign <= 0 || index.Re.Numerator > 64)
                    {
                        return null;
                    }

                    return RootOf(f.Arguments[0], (int)index.Re.Numerator);
                }

            case FunctionKind.Abs:
                {
                    var x = Evaluate(f.Arguments[0]);
                    if (x is null)
                    {
                        return null;
                    }

                    if (x.Value.IsReal)
                    {
                        return GaussianRational.FromReal(x.Value.Re.Abs());
                    }

                    var squared = (x.Value.Re * x.Value.Re) + (x.Value.Im * x.Value.Im);
                    return squared.TryRoot(2) is { } r ? GaussianRational.FromReal(r) : null;
                }

            case FunctionKind.Floor or FunctionKind.Ceiling:
                {
                    if (Evaluate(f.Arguments[0]) is not { IsReal: true } x)
                    {
                        return null;
                    }

                    var floor = x.Re.Floor();
                    var result = f.Kind == FunctionKind.Floor || x.Re.IsInteger ? floor : floor + 1;
                    return GaussianRational.FromReal(BigRational.FromInteger(result));
                }

            case FunctionKind.Factorial:
                {
                    if (Evaluate(f.Arguments[0]) is not { IsReal: true } x || !x.Re.IsInteger || x.Re.Sign < 0 || x.Re.Numerator > MaxFactorial)
                    {
                        return null;
                    }

                    var n = (int)x.Re.Numerator;
                    _budget.TickBits((long)n * n / 8);
                    return GaussianRational.FromReal(BigRational.FromInteger(IntegerMath.Factorial(n)));
                }

            case FunctionKind.DoubleFactorial:
                {
                    if (Evaluate(f.Arguments[0]) is not { IsReal: true } x || !x.Re.IsInteger || x.Re.Sign < 0 || x.Re.Numerator > MaxFactorial)
                    {
                        return null;
                    }

                    var n = (int)x.Re.Numerator;
                    _budget.TickBits((long)n * n / 16);
                    var product = System.Numerics.BigInteger.One;
                    for (var k = n; k > 1; k -= 2)
                    {
                        product *= k;
                    }

                    return GaussianRational.FromReal(BigRational.FromInteger(product));
                }

            case FunctionKind.Binomial:
                {
                    if (Evaluate(f.Arguments[0]) is not { IsReal: true } n || Evaluate(f.Arguments[1]) is not { IsReal: true } k ||
                        !n.Re.IsInteger || !k.Re.IsInteger || BigInteger.Abs(k.Re.Numerator) > MaxFactorial || BigInteger.Abs(n.Re.Numerator) > int.MaxValue)
                    {
                        return null;
                    }

                    _budget.TickBits((long)k.Re.Numerator * 64);
                    return Checked(GaussianRational.FromReal(BigRational.FromInteger(IntegerMath.Binomial(n.Re.Numerator, (int)k.Re.Numerator))));
                }

            case FunctionKind.Gcd or FunctionKind.Lcm:
                return GcdLcm(f);
            case FunctionKind.Max or FunctionKind.Min:
                {
                    BigRational? best = null;
                    foreach (var argument in f.Arguments)
                    {
                        if (Evaluate(argument) is not { IsReal: true } x)
                        {
                            return null;
                        }

                        if (best is null || (f.Kind == FunctionKind.Max ? x.Re > best.Value : x.Re < best.Value))
                        {
                            best = x.Re;
                        }
                    }

                    return best is null ? null : GaussianRational.FromReal(best.Value);
                }

            default:
                return ExactSpecialValues.TryEvaluate(f, this);
        }
    }

    private GaussianRational? RootOf(MathNode radicandNode, int index)
    {
        var x = Evaluate(radicandNode);
        if (x is not { IsReal: true } radicand)
        {
            return null;
        }

        if (radicand.Re.Sign < 0 && index == 2)
        {
            return (-radicand.Re).TryRoot(2) is { } r ? new GaussianRational(BigRational.Zero, r) : null;
        }

        return radicand.Re.TryRoot(index) is { } root ? GaussianRational.FromReal(root) : null;
    }

    private GaussianRational? GcdLcm(FunctionNode f)
    {
        BigInteger? accumulator = null;
        foreach (var argument in f.Arguments)
        {
            if (Evaluate(argument) is not { IsReal: true } x || !x.Re.IsInteger)
            {
                return null;
            }

            var value = BigInteger.Abs(x.Re.Numerator);
            if (accumulator is null)
            {
                accumulator = value;
            }
            else if (f.Kind == FunctionKind.Gcd)
            {
                accumulator = BigInteger.GreatestCommonDivisor(accumulator.Value, value);
            }
            else
            {
                var gcd = BigInteger.GreatestCommonDivisor(accumulator.Value, value);
                accumulator = gcd.IsZero ? BigInteger.Zero : accumulator.Value / gcd * value;
            }
        }

        return accumulator is null ? null : Checked(GaussianRational.FromReal(BigRational.FromInteger(accumulator.Value)));
    }
}
