using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Elementary functions at the arguments where their value is rational: trigonometry at multiples of pi/6
/// and pi/4, ln 1, exp 0, log_b(b^k). Everything else is irrational and left to the ball evaluator.
/// </summary>
internal static class ExactSpecialValues
{
    // sin(k pi / 6) for k = 0..11, null where irrational.
    private static readonly BigRational?[] SinSixths =
    [
        0, BigRational.Create(1, 2), null, 1, null, BigRational.Create(1, 2),
        0, BigRational.Create(-1, 2), null, -1, null, BigRational.Create(-1, 2),
    ];

    public static GaussianRational? TryEvaluate(FunctionNode f, ExactEvaluator evaluator)
    {
        var argument = f.Arguments[0];
        switch (f.Kind)
        {
            case FunctionKind.Sin or FunctionKind.Cos or FunctionKind.Tan or FunctionKind.Sec or FunctionKind.Csc or FunctionKind.Cot:
                return TrigAtPiMultiple(f.Kind, argument, evaluator.Budget);
            case FunctionKind.Exp:
                return evaluator.TryEvaluate(argument, out var x) && x.IsZero ? GaussianRational.One : null;
            case FunctionKind.Ln:
                return evaluator.TryEvaluate(argument, out var y) && y == GaussianRational.One ? GaussianRational.Zero : null;
            case FunctionKind.Log:
                return LogExact(f, evaluator);
            case FunctionKind.Asin or FunctionKind.Atan or FunctionKind.Sinh or FunctionKind.Tanh:
                return evaluator.TryEvaluate(argument, out var z) && z.IsZero ? GaussianRational.Zero : null;
            case FunctionKind.Acos:
                return evaluator.TryEvaluate(argument, out var w) && w == GaussianRational.One ? GaussianRational.Zero : null;
            case FunctionKind.Cosh:
                return evaluator.TryEvaluate(argument, out var u) && u.IsZero ? GaussianRational.One : null;
            default:
                return null;
        }
    }

    /// <summary>The rational q when the node is q * pi (tested as a linear function of pi at three points).</summary>
    public static BigRational? PiMultiple(MathNode node, Budget.CheckBudget budget)
    {
        if (!NodeQueries.Contains(node, n => n is ConstantNode { Kind: ConstantKind.Pi }))
        {
            return null;
        }

        var at1 = new ExactEvaluator(budget, piValue: 1);
        var at2 = new ExactEvaluator(budget, piValue: 2);
        var at3 = new ExactEvaluator(budget, piValue: 3);
        if (!at1.TryEvaluateReal(node, out var q) || !at2.TryEvaluateReal(node, out var q2) || !at3.TryEvaluateReal(node, out var q3))
        {
            return null;
        }

        return q2 == q * 2 && q3 == q * 3 ? q : null;
    }

    private static GaussianRational? TrigAtPiMultiple(FunctionKind kind, MathNode argument, Budget.CheckBudget budget)
    {
        BigRational q;
        var exact = new ExactEvaluator(budget);
        if (exact.TryEvaluateReal(argument, out var plain) && plain.IsZero)
        {
            q = BigRational.Zero;
        }
        else if (PiMultiple(argument, budget) is { } multiple)
        {
            q = multiple;
        }
        else
        {
            return null;
        }

        // Work in twelfths of a turn: k = 6q mod 12.
        var sixths = q * 6;
        if (!sixths.IsInteger)
        {
            return kind is FunctionKind.Tan or FunctionKind.Cot ? TanQuarter(kind, q) : null;
        }

        var k = (int)(((sixths.Numerator % 12) + 12) % 12);
        var sin = SinSixths[k];
        var cos = SinSixths[(k + 3) % 12];
        BigRational? result = kind switch
        {
            FunctionKind.Sin => sin,
            FunctionKind.Cos => cos,
            FunctionKind.Tan => sin is { } s && cos is { } c && !c.IsZero ? s / c : null,
            FunctionKind.Cot => sin is { } s2 && cos is { } c2 && !s2.IsZero ? c2 / s2 : null,
            FunctionKind.Sec => cos is { } c3 && !c3.IsZero ? c3.Reciprocal() : null,
            FunctionKind.Csc => sin is { } s3 && !s3.IsZero ? s3.Reciprocal() : null,
            _ => null,
        };
        return result is { } r ? GaussianRational.FromReal(r) : TanQuarter(kind, q);
    }

    /// <summary>tan and cot at odd multiples of pi/4 are +-1.</summary>
    private static GaussianRational? TanQuarter(FunctionKind kind, BigRational q)
    {
        var quarters = q * 4;
        if (!quarters.IsInteger || quarters.Numerator.IsEven)
        {
            return null;
        }

        var k = (int)(((quarters.Numerator % 4) + 4) % 4); // 1 or 3
        var value = k == 1 ? BigRational.One : BigRational.MinusOne;
        return kind is FunctionKind.Tan or FunctionKind.Cot ? GaussianRational.FromReal(value) : null;
    }

    private static GaussianRational? LogExact(FunctionNode f, ExactEvaluator evaluator)
    {
        if (!evaluator.TryEvaluateReal(f.Arguments[0], out var x) || x.Sign <= 0)
        {
            return null;
        }

        if (x == BigRational.One)
        {
            return GaussianRational.Zero;
        }

        if (f.Arguments.Count < 2 || !evaluator.TryEvaluateReal(f.Arguments[1], out var b) || b.Sign <= 0 || b == BigRational.One)
        {
            return null;
        }

        // log_b x is rational p/q when x^q = b^p; try small q from a floating estimate.
        var estimate = System.Math.Log(x.ToDouble()) / System.Math.Log(b.ToDouble());
        if (double.IsNaN(estimate) || double.IsInfinity(estimate) || System.Math.Abs(estimate) > 4096)
        {
            return null;
        }

        for (var q = 1; q <= 12; q++)
        {
            var p = (int)System.Math.Round(estimate * q);
            if (System.Math.Abs((estimate * q) - p) > 1e-6)
            {
                continue;
            }

            if ((x.BitSize * q) + (b.BitSize * System.Math.Abs(p)) > ExactEvaluator.MaxBits)
            {
                return null;
            }

            evaluator.Budget.Tick(q);
            if (x.Pow(q) == b.Pow(p))
            {
                return GaussianRational.FromReal(BigRational.Create(p, q));
            }
        }

        return null;
    }
}
