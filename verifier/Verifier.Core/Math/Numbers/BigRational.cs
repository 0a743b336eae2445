using System.Globalization;
using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>
/// An exact rational number with arbitrary-size numerator and denominator, always in lowest terms
/// with a positive denominator, so that structural equality is numeric equality.
/// </summary>
internal readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>
{
    public static readonly BigRational Zero = new(BigInteger.Zero, BigInteger.One, normalized: true);
    public static readonly BigRational One = new(BigInteger.One, BigInteger.One, normalized: true);
    public static readonly BigRational MinusOne = new(BigInteger.MinusOne, BigInteger.One, normalized: true);

    private readonly BigInteger _denominatorMinusOne; // so that default(BigRational) is 0/1

    private BigRational(BigInteger numerator, BigInteger denominator, bool normalized)
    {
        if (!normalized)
        {
            if (denominator.Sign < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsOne && !gcd.IsZero)
            {
                numerator /= gcd;
                denominator /= gcd;
            }
        }

        Numerator = numerator;
        _denominatorMinusOne = denominator - 1;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator => _denominatorMinusOne + 1;

    public int Sign => Numerator.Sign;

    public bool IsZero => Numerator.IsZero;

    public bool IsInteger => _denominatorMinusOne.IsZero;

    /// <summary>Bits needed to write the number down; the cost measure for every size limit.</summary>
    public long BitSize => Numerator.GetBitLength() + Denominator.GetBitLength();

    public static BigRational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        return new BigRational(numerator, denominator, normalized: false);
    }

    public static BigRational FromInteger(BigInteger value) => new(value, BigInteger.One, normalized: true);

    public static implicit operator BigRational(int value) => FromInteger(value);

    public static BigRational operator +(BigRational a, BigRational b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            return FromInteger(a.Numerator + b.Numerator);
        }

        return Create((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);
    }

    public static BigRational operator -(BigRational a) => new(-a.Numerator, a.Denominator, normalized: true);

    public static BigRational operator -(BigRational a, BigRational b) => a + (-b);

    public static BigRational operator *(BigRational a, BigRational b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            return FromInteger(a.Numerator * b.Numerator);
        }

        return Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    }

    public static BigRational operator /(BigRational a, BigRational b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }

        return Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);

    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);

    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;

    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    public BigRational Abs() => Sign < 0 ? -this : this;

    public BigRational Reciprocal() => Create(Denominator, Numerator);

    /// <summary>Integer power; the caller bounds the exponent so the result stays small.</summary>
    public BigRational Pow(int exponent)
    {
        if (exponent == 0)
        {
            return One;
        }

        if (exponent < 0)
        {
            return Reciprocal().Pow(-exponent);
        }

        return new BigRational(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent), normalized: true);
    }

    /// <summary>Exact integer k-th root when it exists (e.g. sqrt(9/4) = 3/2), otherwise null.</summary>
    public BigRational? TryRoot(int k)
    {
        if (k <= 0)
        {
            return null;
        }

        if (Sign < 0)
        {
            if (k % 2 == 0)
            {
                return null;
            }

            return -(Abs().TryRoot(k));
        }

        var n = IntegerMath.ExactRoot(Numerator, k);
        var d = n is null ? null : IntegerMath.ExactRoot(Denominator, k);
        return n is null || d is null ? null : new BigRational(n.Value, d.Value, normalized: true);
    }

    public BigInteger Floor() => BigInteger.Divide(Numerator - (Sign < 0 ? Denominator - 1 : 0), Denominator);

    public double ToDouble()
    {
        var n = Numerator;
        var d = Denominator;
        var shift = (int)System.Math.Max(0, System.Math.Max(n.GetBitLength(), d.GetBitLength()) - 1000);
        if (shift > 0)
        {
            n >>= shift;
            d >>= shift;
            if (d.IsZero)
            {
                return n.Sign * double.PositiveInfinity;
            }
        }

        return (double)n / (double)d;
    }

    public int CompareTo(BigRational other)
    {
        if (IsInteger && other.IsInteger)
        {
            return Numerator.CompareTo(other.Numerator);
        }

        return (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }

    public bool Equals(BigRational other) => Numerator == other.Numerator && _denominatorMinusOne == other._denominatorMinusOne;

    public override bool Equals(object? obj) => obj is BigRational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, _denominatorMinusOne);

    public override string ToString() => IsInteger
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
