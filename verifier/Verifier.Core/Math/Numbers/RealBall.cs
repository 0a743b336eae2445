namespace Verifier.Core.Math.Numbers;

/// <summary>
/// A real number known to lie within <c>Mid ± 2^RadiusLog2</c> (ball arithmetic). Tracking the error bound
/// makes "these two values differ" a proof rather than a guess, and tells when precision ran out.
/// </summary>
internal readonly struct RealBall
{
    public RealBall(BigFloat mid, double radiusLog2)
    {
        Mid = mid;
        RadiusLog2 = radiusLog2;
    }

    public BigFloat Mid { get; }

    /// <summary>log2 of the radius; negative infinity when the value is exact.</summary>
    public double RadiusLog2 { get; }

    public bool IsExact => double.IsNegativeInfinity(RadiusLog2);

    public bool IsExactZero => Mid.IsZero && IsExact;

    public double MidLog2 => Mid.Log2Abs();

    /// <summary>True when the ball excludes zero, so the sign is certain.</summary>
    public bool IsCertainlyNonZero => !Mid.IsZero && MidLog2 > RadiusLog2 + 0.5;

    public bool IsCertainlyPositive => Mid.Sign > 0 && IsCertainlyNonZero;

    public bool IsCertainlyNegative => Mid.Sign < 0 && IsCertainlyNonZero;

    /// <summary>Whether the midpoint is known to many bits, i.e. the value is not just noise around zero.</summary>
    public bool IsSignificant => !Mid.IsZero && MidLog2 > RadiusLog2 + 4;

    public static RealBall Exact(BigFloat value) => new(value, double.NegativeInfinity);

    public static RealBall ExactZero => new(BigFloat.Zero, double.NegativeInfinity);

    public RealBall Negate() => new(Mid.Negate(), RadiusLog2);

    /// <summary>Upper bound of log2 |x| (midpoint magnitude or radius, whichever is larger).</summary>
    public double UpperLog2 => Log2Math.Add(MidLog2, RadiusLog2);

    public double ToDouble() => Mid.ToDouble();
}

/// <summary>Arithmetic on base-2 logarithms of non-negative magnitudes (used for error radii).</summary>
internal static class Log2Math
{
    /// <summary>log2(2^a + 2^b).</summary>
    public static double Add(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var max = System.Math.Max(a, b);
        var min = System.Math.Min(a, b);
        return max + System.Math.Log2(1 + System.Math.Pow(2, min - max));
    }

    public static double Add(double a, double b, double c) => Add(Add(a, b), c);

    /// <summary>log2(e^(2^r) - 1): how much an exponential magnifies an input radius 2^r.</summary>
    public static double Expm1OfRadius(double radiusLog2)
    {
        if (double.IsNegativeInfinity(radiusLog2))
        {
            return double.NegativeInfinity;
        }

        if (radiusLog2 < -40)
        {
            return radiusLog2 + 0.0000001;
        }

        return System.Math.Log2(System.Math.Exp(System.Math.Pow(2, radiusLog2)) - 1);
    }
}
