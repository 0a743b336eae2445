using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>
/// Elementary functions on fixed-point integers: a value v stands for v / 2^bits. Each routine is accurate
/// to a few units of 2^-bits; callers add guard bits. Constants are cached per thread and precision so a
/// warm verifier does not recompute pi for every check.
/// </summary>
internal static class FixedPoint
{
    [ThreadStatic]
    private static Dictionary<int, BigInteger>? t_piCache;

    [ThreadStatic]
    private static Dictionary<int, BigInteger>? t_ln2Cache;

    public static BigInteger One(int bits) => BigInteger.One << bits;

    /// <summary>Product, truncated toward zero (an arithmetic shift would leave series stuck at -1).</summary>
    public static BigInteger Multiply(BigInteger a, BigInteger b, int bits)
    {
        var product = a * b;
        return product.Sign < 0 ? -(-product >> bits) : product >> bits;
    }

    public static BigInteger Divide(BigInteger a, BigInteger b, int bits) => BigInteger.Divide(a << bits, b);

    public static BigInteger Pi(int bits)
    {
        t_piCache ??= [];
        if (t_piCache.TryGetValue(bits, out var cached))
        {
            return cached;
        }

        // Machin: pi = 16 atan(1/5) - 4 atan(1/239), with 10 guard bits.
        var w = bits + 10;
        var pi = (16 * AtanInverse(5, w)) - (4 * AtanInverse(239, w));
        var result = pi >> 10;
        if (t_piCache.Count > 64)
        {
            t_piCache.Clear();
        }

        t_piCache[bits] = result;
        return result;
    }

    public static BigInteger Ln2(int bits)
    {
        t_ln2Cache ??= [];
        if (t_ln2Cache.TryGetValue(bits, out var cached))
        {
            return cached;
        }

        // ln 2 = 2 atanh(1/3).
        var w = bits + 10;
        var result = (2 * AtanhInverse(3, w)) >> 10;
        if (t_ln2Cache.Count > 64)
        {
            t_ln2Cache.Clear();
        }

        t_ln2Cache[bits] = result;
        return result;
    }

    /// <summary>atan(1/n) for a small integer n.</summary>
    private static BigInteger AtanInverse(int n, int bits)
    {
        var sum = BigInteger.Zero;
        var power = One(bits) / n; // 1/n^(2k+1)
        var n2 = n * n;
        for (var k = 0; !power.IsZero; k++)
        {
            var term = power / ((2 * k) + 1);
            sum += (k & 1) == 0 ? term : -term;
            power /= n2;
        }

        return sum;
    }

    /// <summary>atanh(1/n) for a small integer n.</summary>
    private static BigInteger AtanhInverse(int n, int bits)
    {
        var sum = BigInteger.Zero;
        var power = One(bits) / n;
        var n2 = n * n;
        for (var k = 0; !power.IsZero; k++)
        {
            sum += power / ((2 * k) + 1);
            power /= n2;
        }

        return sum;
    }

    /// <summary>exp(x) for |x| &lt;= 1 (in units of 2^-bits).</summary>
    public static BigInteger ExpSmall(BigInteger x, int bits)
    {
        // Halve the argument r times, sum the Taylor series, then square r times.
        var r = (int)System.Math.Sqrt(bits) / 2;
        var w = bits + r + 8;
        var y = (x << (w - bits)) >> r;
        var sum = One(w);
        var term = One(w);
        for (var k = 1; ; k++)
        {
            term = Multiply(term, y, w) / k;
            if (term.IsZero)
            {
                break;
            }

            sum += term;
        }

        for (var i = 0; i < r; i++)
        {
            sum = Multiply(sum, sum, w);
        }

        return sum >> (w - bits);
    }

    /// <summary>ln(x) for x in [1/2, 2] (in units of 2^-bits): 2 atanh((x-1)/(x+1)).</summary>
    public static BigInteger LnNearOne(BigInteger x, int bits)
    {
        var w = bits + 8;
        var xs = x << 8;
        var one = One(w);
        var t = Divide(xs - one, xs + one, w);
        var t2 = Multiply(t, t, w);
        var sum = BigInteger.Zero;
        var power = t;
        for (var k = 0; !power.IsZero; k++)
        {
            sum += power / ((2 * k) + 1);
            power = Multiply(power, t2, w);
        }

        return (2 * sum) >> 8;
    }

    /// <summary>sin and cos of x for |x| &lt;= pi/4 (in units of 2^-bits).</summary>
    public static (BigInteger Sin, BigInteger Cos) SinCosSmall(BigInteger x, int bits)
    {
        var w = bits + 8;
        var y = x << 8;
        var y2 = Multiply(y, y, w);
        var sin = BigInteger.Zero;
        var cos = BigInteger.Zero;
        var term = One(w); // y^k / k!
        for (var k = 0; ; k++)
        {
            // term currently y^(2k)/(2k)!
            cos += (k & 1) == 0 ? term : -term;
            var odd = Multiply(term, y, w) / ((2 * k) + 1);
            sin += (k & 1) == 0 ? odd : -odd;
            term = Multiply(term, y2, w) / (((2 * k) + 1) * ((2 * k) + 2));
            if (term.IsZero && odd.IsZero)
            {
                break;
            }
        }

        return (sin >> 8, cos >> 8);
    }

    /// <summary>atan(x) for |x| &lt;= 1 (in units of 2^-bits).</summary>
    public static BigInteger AtanSmall(BigInteger x, int bits)
    {
        // Three argument halvings t -> t / (1 + sqrt(1 + t^2)) bring |t| below 0.1.
        var w = bits + 12;
        var t = x << 12;
        var one = One(w);
        const int Halvings = 3;
        for (var i = 0; i < Halvings; i++)
        {
            var root = IntegerMath.FloorSqrt((one + Multiply(t, t, w)) << w);
            t = Divide(t, one + root, w);
        }

        var t2 = Multiply(t, t, w);
        var sum = BigInteger.Zero;
        var power = t;
        for (var k = 0; !power.IsZero; k++)
        {
            var term = power / ((2 * k) + 1);
            sum += (k & 1) == 0 ? term : -term;
            power = Multiply(power, t2, w);
        }

        return (sum << Halvings) >> 12;
    }
}
