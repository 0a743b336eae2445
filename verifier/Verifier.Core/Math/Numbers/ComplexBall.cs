namespace Verifier.Core.Math.Numbers;

/// <summary>A complex number as two real balls; most values are real (imaginary part exactly zero).</summary>
internal readonly struct ComplexBall
{
    public ComplexBall(RealBall re, RealBall im)
    {
        Re = re;
        Im = im;
    }

    public ComplexBall(RealBall re)
        : this(re, RealBall.ExactZero)
    {
    }

    public RealBall Re { get; }

    public RealBall Im { get; }

    public bool IsReal => Im.IsExactZero;

    public bool IsExactZero => Re.IsExactZero && Im.IsExactZero;

    /// <summary>Upper bound of log2 |z|.</summary>
    public double UpperLog2 => System.Math.Max(Re.UpperLog2, Im.UpperLog2) + 0.5;

    /// <summary>Rough log2 |z| from the midpoints (for scale comparisons).</summary>
    public double MidLog2 => System.Math.Max(Re.MidLog2, Im.MidLog2);

    public ComplexBall Negate() => new(Re.Negate(), Im.Negate());

}
