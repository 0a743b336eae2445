using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>Integer helpers that <see cref="BigInteger"/> lacks: roots, factorials, binomials.</summary>
internal static class IntegerMath
{
    /// <summary>Floor of the k-th root of a non-negative integer (Newton's method from a double estimate).</summary>
    public static BigInteger FloorRoot(BigInteger n, int k)
    {
        if (n.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        if (n < 2 || k == 1)
        {
            return n;
        }

        var bits = n.GetBitLength();
        BigInteger x;
        if (bits < 1000)
        {
            x = new BigInteger(System.Math.Ceiling(System.Math.Pow((double)n, 1.0 / k))) + 1;
        }
        else
        {
            x = BigInteger.One << (int)((bits / k) + 1);
        }

        // One Newton step from any positive start lands at or above the root (AM-GM), up to integer
        // rounding; from there Newton decreases monotonically to the floor.
        x = (((k - 1) * x) + (n / BigInteger.Pow(x, k - 1))) / k;
        if (x.Sign <= 0)
        {
            x = BigInteger.One;
        }

        while (true)
        {
            var y = (((k - 1) * x) + (n / BigInteger.Pow(x, k - 1))) / k;
            if (y >= x)
            {
                break;
            }

            x = y;
        }

        while (x.Sign > 0 && BigInteger.Pow(x, k) > n)
        {
            x--;
        }

        while (BigInteger.Pow(x + 1, k) <= n)
        {
            x++;
        }

        return x;
    }

    public static BigInteger? ExactRoot(BigInteger n, int k)
    {
        if (n.Sign < 0)
        {
            return null;
        }

        var r = FloorRoot(n, k);
        return BigInteger.Pow(r, k) == n ? r : null;
    }

    public static BigInteger FloorSqrt(BigInteger n) => FloorRoot(n, 2);

    public static BigInteger Factorial(int n)
    {
        var result = BigInteger.One;
        for (var i = 2; i <= n; i++)
        {
            result *= i;
        }

        return result;
    }

    public static BigInteger Binomial(BigInteger n, int k)
    {
        if (k < 0)
        {
            return BigInteger.Zero;
        }

        var result = BigInteger.One;
        for (var i = 0; i < k; i++)
        {
            result = result * (n - i) / (i + 1);
        }

        return result;
    }
}
