using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>
/// A binary floating-point number <c>Mantissa * 2^Exponent</c> of arbitrary precision. Operations take the
/// precision (in bits) to round to; the rounding error of each is at most one unit in the last place, which
/// <see cref="RealBall"/> accounts for.
/// </summary>
internal readonly struct BigFloat
{
    public BigFloat(BigInteger mantissa, long exponent)
    {
        Mantissa = mantissa;
        Exponent = mantissa.IsZero ? 0 : exponent;
    }

    public BigInteger Mantissa { get; }

    public long Exponent { get; }

    public bool IsZero => Mantissa.IsZero;

    public int Sign => Mantissa.Sign;

    public static BigFloat Zero => default;

    public static BigFloat FromInteger(BigInteger value) => new(value, 0);

    /// <summary>log2 of the absolute value (approximate to double accuracy); -infinity for zero.</summary>
    public double Log2Abs()
    {
        if (Mantissa.IsZero)
        {
            return double.NegativeInfinity;
        }

        var bits = Mantissa.GetBitLength();
        var abs = BigInteger.Abs(Mantissa);
        var shift = (int)System.Math.Max(0, bits - 60);
        var top = (double)(abs >> shift);
        return System.Math.Log2(top) + shift + Exponent;
    }

    /// <summary>Exponent of the last kept bit when rounded to <paramref name="precision"/> bits.</summary>
    public long UlpExponent(int precision) => Exponent + System.Math.Max(0, Mantissa.GetBitLength() - precision);

    public BigFloat Round(int precision, out bool inexact)
    {
        var bits = Mantissa.GetBitLength();
        if (bits <= precision)
        {
            inexact = false;
            return this;
        }

        var shift = (int)(bits - precision);
        var abs = BigInteger.Abs(Mantissa);
        var kept = abs >> shift;
        var roundBit = (abs >> (shift - 1)) & BigInteger.One;
        if (!roundBit.IsZero)
        {
            kept += BigInteger.One;
        }

        inexact = true;
        return new BigFloat(Mantissa.Sign < 0 ? -kept : kept, Exponent + shift);
    }

    public BigFloat Negate() => new(-Mantissa, Exponent);

    public BigFloat Abs() => Mantissa.Sign < 0 ? Negate() : this;

    public BigFloat ShiftLeft(long bits) => new(Mantissa, Exponent + bits);

    /// <summary>Exact sum (callers round); exponents are assumed to be within a sane distance.</summary>
    public static BigFloat AddExact(BigFloat a, BigFloat b)
    {
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        if (a.Exponent == b.Exponent)
        {
            return new BigFloat(a.Mantissa + b.Mantissa, a.Exponent);
        }

        if (a.Exponent > b.Exponent)
        {
            return new BigFloat((a.Mantissa << (int)(a.Exponent - b.Exponent)) + b.Mantissa, b.Exponent);
        }

        return new BigFloat(a.Mantissa + (b.Mantissa << (int)(b.Exponent - a.Exponent)), a.Exponent);
    }

    public static BigFloat MultiplyExact(BigFloat a, BigFloat b) => new(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    /// <summary>Quotient with at least <paramref name="precision"/> significant bits, truncated (error below one ulp).</summary>
    public static BigFloat Divide(BigFloat a, BigFloat b, int precision)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (a.IsZero)
        {
            return Zero;
        }

        var shift = (int)System.Math.Max(0, precision + 2 + b.Mantissa.GetBitLength() - a.Mantissa.GetBitLength());
        var q = (a.Mantissa << shift) / b.Mantissa;
        return new BigFloat(q, a.Exponent - b.Exponent - shift);
    }

    /// <summary>Square root of a non-negative number with at least <paramref name="precision"/> bits, truncated.</summary>
    public static BigFloat Sqrt(BigFloat a, int precision)
    {
        if (a.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a));
        }

        if (a.IsZero)
        {
            return Zero;
        }

        // Want mantissa with ~2*precision bits and an even exponent.
        var shift = System.Math.Max(0, (2 * (precision + 2)) - a.Mantissa.GetBitLength());
        if (((a.Exponent - shift) & 1) != 0)
        {
            shift++;
        }

        var m = a.Mantissa << (int)shift;
        var root = IntegerMath.FloorSqrt(m);
        return new BigFloat(root, (a.Exponent - shift) / 2);
    }

    public static BigFloat FromRational(BigRational value, int precision) =>
        value.IsInteger
            ? FromInteger(value.Numerator).Round(precision, out _)
            : Divide(FromInteger(value.Numerator), FromInteger(value.Denominator), precision);

    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        var bits = Mantissa.GetBitLength();
        var shift = (int)System.Math.Max(0, bits - 62);
        var top = (double)(Mantissa >> shift);
        var exponent = Exponent + shift;
        if (exponent > 2000)
        {
            return top * double.PositiveInfinity;
        }

        if (exponent < -2200)
        {
            return 0;
        }

        return System.Math.ScaleB(top, (int)exponent);
    }

    /// <summary>The value as a fixed-point integer <c>round(value * 2^bits)</c> (truncated toward zero).</summary>
    public BigInteger ToFixed(int bits)
    {
        var shift = Exponent + bits;
        if (shift >= 0)
        {
            return Mantissa << (int)shift;
        }

        if (-shift > Mantissa.GetBitLength())
        {
            return BigInteger.Zero;
        }

        return Mantissa.Sign < 0 ? -(BigInteger.Abs(Mantissa) >> (int)-shift) : Mantissa >> (int)-shift;
    }

    public static BigFloat FromFixed(BigInteger value, int bits) => new(value, -bits);
}
