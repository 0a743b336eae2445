using System.Numerics;
using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Numbers;

/// <summary>
/// Real ball arithmetic at a working precision. Besides error radii it records when a nonzero term was
/// too small to be seen at this precision (<see cref="Unresolved"/>): then "equal" cannot be trusted and the
/// comparer retries with more bits. This is what keeps pi + 10^-100 from passing for pi.
/// </summary>
internal sealed partial class BallContext
{
    /// <summary>Bits a summand must stand above the result's error radius to count as seen.</summary>
    private const double ResolutionMargin = 16;

    /// <summary>Largest binary exponent a value may reach before the evaluation gives up.</summary>
    private const double MaxMagnitudeLog2 = 1L << 40;

    public BallContext(int precision, CheckBudget budget)
    {
        Precision = precision;
        Budget = budget;
    }

    public int Precision { get; }

    public CheckBudget Budget { get; }

    public bool Unresolved { get; private set; }

    public RealBall FromRational(BigRational value)
    {
        Budget.TickBits(value.BitSize);
        if (value.IsInteger && value.Numerator.GetBitLength() <= Precision)
        {
            return RealBall.Exact(BigFloat.FromInteger(value.Numerator));
        }

        if (!value.IsInteger && value.Denominator.IsPowerOfTwo && value.Numerator.GetBitLength() <= Precision)
        {
            var shift = (long)value.Denominator.GetBitLength() - 1;
            return RealBall.Exact(new BigFloat(value.Numerator, -shift));
        }

        var mid = BigFloat.FromRational(value, Precision);
        return WithRounding(mid, double.NegativeInfinity, inexact: true);
    }

    public RealBall Add(RealBall a, RealBall b)
    {
        Budget.TickBits(Precision);
        if (a.Mid.IsZero)
        {
            return new RealBall(b.Mid, Log2Math.Add(a.RadiusLog2, b.RadiusLog2));
        }

        if (b.Mid.IsZero)
        {
            return new RealBall(a.Mid, Log2Math.Add(a.RadiusLog2, b.RadiusLog2));
        }

        var la = a.MidLog2;
        var lb = b.MidLog2;
        var big = la >= lb ? a : b;
        var small = la >= lb ? b : a;
        var lmax = System.Math.Max(la, lb);
        var lmin = System.Math.Min(la, lb);
        double radius;
        BigFloat mid;
        if (lmin < lmax - Precision - 8)
        {
            // The small summand cannot even be represented next to the big one.
            mid = big.Mid;
            radius = Log2Math.Add(a.RadiusLog2, b.RadiusLog2, lmin + 0.01);
        }
        else
        {
            var exact = BigFloat.AddExact(a.Mid, b.Mid);
            mid = exact.Round(Precision, out var inexact);
            radius = Log2Math.Add(a.RadiusLog2, b.RadiusLog2);
            if (inexact)
            {
                radius = Log2Math.Add(radius, mid.UlpExponent(Precision));
            }
        }

        if (small.IsSignificant && lmin < radius + ResolutionMargin)
        {
            Unresolved = true;
        }

        return new RealBall(mid, radius);
    }

    public RealBall Subtract(RealBall a, RealBall b) => Add(a, b.Negate());

    public RealBall Multiply(RealBall a, RealBall b)
    {
        Budget.TickBits(Precision * 2L);
        if (a.IsExactZero || b.IsExactZero)
        {
            return RealBall.ExactZero;
        }

        var la = a.MidLog2;
        var lb = b.MidLog2;
        var radius = Log2Math.Add(la + b.RadiusLog2, lb + a.RadiusLog2, a.RadiusLog2 + b.RadiusLog2);
        var mid = BigFloat.MultiplyExact(a.Mid, b.Mid).Round(Precision, out var inexact);
        return Checked(WithRounding(mid, radius, inexact));
    }

    public RealBall Divide(RealBall a, RealBall b)
    {
        Budget.TickBits(Precision * 4L);
        if (b.Mid.IsZero || b.RadiusLog2 > b.MidLog2 - 2)
        {
            throw new EvaluationException("division by a value that may be zero", precisionLimited: true);
        }

        if (a.IsExactZero)
        {
            return RealBall.ExactZero;
        }

        var la = a.MidLog2;
        var lb = b.MidLog2;
        var radius = Log2Math.Add(la + b.RadiusLog2, lb + a.RadiusLog2) - ((2 * lb) - 1);
        var mid = BigFloat.Divide(a.Mid, b.Mid, Precision).Round(Precision, out _);
        return Checked(WithRounding(mid, radius, inexact: true));
    }

    public RealBall Square(RealBall a) => Multiply(a, a);

    /// <summary>Integer power by repeated squaring (the exponent may be huge: 9^(9^9) stays P bits wide).</summary>
    public RealBall PowInteger(RealBall a, BigInteger exponent)
    {
        if (exponent.IsZero)
        {
            return RealBall.Exact(BigFloat.FromInteger(1));
        }

        if (exponent.Sign < 0)
        {
            return Divide(RealBall.Exact(BigFloat.FromInteger(1)), PowInteger(a, -exponent));
        }

        if (!a.Mid.IsZero && (double)exponent * System.Math.Abs(a.MidLog2) > MaxMagnitudeLog2)
        {
            throw new EvaluationException("power too large");
        }

        var result = RealBall.Exact(BigFloat.FromInteger(1));
        var power = a;
        var e = exponent;
        while (true)
        {
            if (!e.IsEven)
            {
                result = Multiply(result, power);
            }

            e >>= 1;
            if (e.IsZero)
            {
                break;
            }

            power = Multiply(power, power);
        }

        return result;
    }

    public RealBall Sqrt(RealBall a)
    {
        Budget.TickBits(Precision * 8L);
        if (a.IsExactZero)
        {
            return a;
        }

        if (!a.IsCertainlyPositive || a.RadiusLog2 > a.MidLog2 - 2)
        {
            throw new EvaluationException("square root of a value that may be negative", precisionLimited: true);
        }

        var mid = BigFloat.Sqrt(a.Mid, Precision).Round(Precision, out _);
        var radius = a.RadiusLog2 - 1 - (0.5 * (a.MidLog2 - 1));
        return WithRounding(mid, radius, inexact: true);
    }

    public RealBall Pi()
    {
        var bits = Precision + 8;
        return new RealBall(BigFloat.FromFixed(FixedPoint.Pi(bits), bits), -(Precision + 6));
    }

    public RealBall Exact(long value) => RealBall.Exact(BigFloat.FromInteger(value));

    /// <summary>Marks the evaluation unresolved when a significant term vanished next to a larger one.</summary>
    public void NoteSwamped(RealBall small, double resultRadiusLog2)
    {
        if (small.IsSignificant && small.MidLog2 < resultRadiusLog2 + ResolutionMargin)
        {
            Unresolved = true;
        }
    }

    private RealBall WithRounding(BigFloat mid, double radius, bool inexact)
    {
        if (inexact)
        {
            radius = Log2Math.Add(radius, mid.UlpExponent(Precision));
        }

        return new RealBall(mid, radius);
    }

    private static RealBall Checked(RealBall value)
    {
        if (value.MidLog2 > MaxMagnitudeLog2 || value.MidLog2 < -MaxMagnitudeLog2)
        {
            throw new EvaluationException("magnitude out of range");
        }

        return value;
    }
}

/// <summary>A value could not be computed (domain error, possible division by zero, out of range).</summary>
internal sealed class EvaluationException : Exception
{
    public EvaluationException(string message, bool precisionLimited = false)
        : base(message)
    {
        PrecisionLimited = precisionLimited;
    }

    /// <summary>Whether more precision might succeed (a value near zero); false for plain domain or range errors.</summary>
    public bool PrecisionLimited { get; }
}
