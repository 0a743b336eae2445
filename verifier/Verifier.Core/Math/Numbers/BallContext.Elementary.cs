using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>Elementary functions on real balls: each computes at the midpoint and widens by the input radius
/// times a bound on the derivative.</summary>
internal sealed partial class BallContext
{
    private const int GuardBits = 24;

    /// <summary>Arguments beyond 2^30 in magnitude are not worth computing (the results leave every range).</summary>
    private const double MaxArgumentLog2 = 30;

    public RealBall Exp(RealBall x)
    {
        Budget.TickBits(Precision * 4L);
        if (x.IsExactZero)
        {
            return Exact(1);
        }

        if (x.UpperLog2 > MaxArgumentLog2)
        {
            throw new EvaluationException("exponential argument too large");
        }

        if (x.RadiusLog2 > 3)
        {
            throw new EvaluationException("exponential of an imprecise value", precisionLimited: true);
        }

        var w = Precision + GuardBits;
        var xv = x.Mid.ToDouble();
        var k = (long)System.Math.Round(xv / System.Math.Log(2));
        var kBits = k == 0 ? 0 : (int)System.Math.Ceiling(System.Math.Log2(System.Math.Abs(k) + 1));
        var wLn2 = w + kBits + 4;
        var r = (x.Mid.ToFixed(wLn2) - (k * FixedPoint.Ln2(wLn2))) >> (kBits + 4);
        var value = FixedPoint.ExpSmall(r, w);
        var mid = new BigFloat(value, k - w).Round(Precision, out _);
        var midLog2 = mid.Log2Abs();
        var radius = Log2Math.Add(midLog2 - Precision + 1, midLog2 + Log2Math.Expm1OfRadius(x.RadiusLog2));

        // exp(t) = 1 + t + ...: a tiny t is a summand next to 1.
        NoteSwamped(x, radius - midLog2);
        return Checked(new RealBall(mid, radius));
    }

    public RealBall Ln(RealBall x)
    {
        Budget.TickBits(Precision * 4L);
        if (!x.IsCertainlyPositive || x.RadiusLog2 > x.MidLog2 - 2)
        {
            throw new EvaluationException("logarithm of a value that may not be positive", precisionLimited: true);
        }

        // x = m * 2^e with m in [1/sqrt2, sqrt2].
        var mantissaBits = x.Mid.Mantissa.GetBitLength();
        var e = mantissaBits - 1 + x.Mid.Exponent;
        var w = Precision + GuardBits;
        var m = new BigFloat(x.Mid.Mantissa, -(mantissaBits - 1)); // in [1, 2)
        var mFixed = m.ToFixed(w);
        if (mFixed > (FixedPoint.One(w) * 181 / 128))
        {
            mFixed >>= 1;
            e++;
        }

        var eBits = e == 0 ? 0 : (int)System.Math.Ceiling(System.Math.Log2(System.Math.Abs(e) + 1));
        var wide = w + eBits;
        var lnM = FixedPoint.LnNearOne(mFixed << eBits, wide);
        var total = lnM + (e * FixedPoint.Ln2(wide));
        var mid = BigFloat.FromFixed(total, wide).Round(Precision, out _);
        var absoluteError = -(w - 4);
        var propagated = x.RadiusLog2 - (x.MidLog2 - 1);
        var radius = Log2Math.Add(absoluteError, propagated, mid.UlpExponent(Precision));
        return new RealBall(mid, radius);
    }

    public RealBall Sin(RealBall x) => SinCos(x, cosineUsedAlone: false).Sin;

    public RealBall Cos(RealBall x) => SinCos(x, cosineUsedAlone: true).Cos;

    /// <param name="x">The argument.</param>
    /// <param name="cosineUsedAlone">When the cosine is the result (not a tangent's denominator), a tiny
    /// argument whose square vanishes next to 1 makes the evaluation unresolved.</param>
    public (RealBall Sin, RealBall Cos) SinCos(RealBall x, bool cosineUsedAlone)
    {
        Budget.TickBits(Precision * 4L);
        if (x.IsExactZero)
        {
            return (RealBall.ExactZero, Exact(1));
        }

        var upper = x.UpperLog2;
        if (upper > MaxArgumentLog2)
        {
            throw new EvaluationException("trigonometric argument too large");
        }

        // Extra bits for a tiny argument keep sin(x) ~ x accurate relative to itself.
        var tiny = x.Mid.IsZero ? 0 : (int)System.Math.Max(0, System.Math.Min(4 * Precision, -System.Math.Floor(x.MidLog2)));
        var w = Precision + GuardBits + tiny;
        var argBits = (int)System.Math.Max(0, System.Math.Ceiling(upper)) + 4;
        var wPi = w + argBits;
        var halfPi = FixedPoint.Pi(wPi) >> 1;
        var xf = x.Mid.ToFixed(wPi);
        var quadrant = BigInteger.Divide(xf + (halfPi >> 1) * xf.Sign, halfPi);
        var reduced = (xf - (quadrant * halfPi)) >> argBits;
        var (s, c) = FixedPoint.SinCosSmall(reduced, w);
        var q = (int)(((quadrant % 4) + 4) % 4);
        var (sin, cos) = q switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };

        var absoluteError = -(w - 6);
        var sinMid = BigFloat.FromFixed(sin, w).Round(Precision, out _);
        var cosMid = BigFloat.FromFixed(cos, w).Round(Precision, out _);
        var sinRadius = Log2Math.Add(absoluteError, x.RadiusLog2, sinMid.UlpExponent(Precision));
        var cosRadius = Log2Math.Add(absoluteError, x.RadiusLog2, cosMid.UlpExponent(Precision));

        // cos(t) = 1 - t^2/2 + ...: a tiny t vanishes next to 1.
        if (cosineUsedAlone && x.IsSignificant && (2 * x.MidLog2) - 1 < cosRadius + ResolutionMargin)
        {
            Unresolved = true;
        }

        return (new RealBall(sinMid, sinRadius), new RealBall(cosMid, cosRadius));
    }

    public RealBall Atan(RealBall x)
    {
        Budget.TickBits(Precision * 4L);
        if (x.IsExactZero)
        {
            return x;
        }

        if (x.Mid.IsZero)
        {
            return new RealBall(BigFloat.Zero, x.RadiusLog2);
        }

        if (x.MidLog2 > 0)
        {
            // atan x = sign(x) pi/2 - atan(1/x).
            if (!x.IsCertainlyNonZero)
            {
                throw new EvaluationException("arctangent of an imprecise value", precisionLimited: true);
            }

            var halfPi = HalfPi();
            var inner = Atan(Divide(Exact(1), x));
            return Subtract(x.Mid.Sign > 0 ? halfPi : halfPi.Negate(), inner);
        }

        var tiny = (int)System.Math.Max(0, System.Math.Min(4 * Precision, -System.Math.Floor(x.MidLog2)));
        var w = Precision + GuardBits + tiny;
        var value = FixedPoint.AtanSmall(x.Mid.ToFixed(w), w);
        var mid = BigFloat.FromFixed(value, w).Round(Precision, out _);
        var radius = Log2Math.Add(-(w - 6), x.RadiusLog2, mid.UlpExponent(Precision));
        return new RealBall(mid, radius);
    }

    public RealBall HalfPi()
    {
        var pi = Pi();
        return new RealBall(pi.Mid.ShiftLeft(-1), pi.RadiusLog2 - 1);
    }

    /// <summary>atan2(y, x) in (-pi, pi]; the quadrant must be certain.</summary>
    public RealBall Atan2(RealBall y, RealBall x)
    {
        if (x.IsCertainlyPositive)
        {
            return Atan(Divide(y, x));
        }

        if (x.IsExactZero || (!x.IsCertainlyNonZero && y.IsCertainlyNonZero && x.RadiusLog2 < y.MidLog2 - 8))
        {
            if (y.IsCertainlyPositive)
            {
                return Subtract(HalfPi(), Atan(Divide(x, y)));
            }

            if (y.IsCertainlyNegative)
            {
                return Subtract(HalfPi().Negate(), Atan(Divide(x, y)));
            }

            throw new EvaluationException("argument of zero", precisionLimited: true);
        }

        if (x.IsCertainlyNegative)
        {
            var baseAngle = Atan(Divide(y, x));
            if (y.IsExactZero || y.Mid.Sign >= 0 && (y.IsExact || y.IsCertainlyNonZero))
            {
                return Add(baseAngle, Pi());
            }

            if (y.IsCertainlyNegative)
            {
                return Subtract(baseAngle, Pi());
            }
        }

        throw new EvaluationException("argument on the branch cut", precisionLimited: true);
    }
}
