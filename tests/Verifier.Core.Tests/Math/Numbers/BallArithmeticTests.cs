using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Tests.Math.Numbers;

/// <summary>Ball arithmetic: results are accurate and their error radius really bounds the error.</summary>
public sealed class BallArithmeticTests
{
    private static BallContext Context(int bits = 200) => new(bits, CheckBudget.Unlimited);

    private static RealBall Value(BallContext c, double x) => c.FromRational(BigRational.Create((long)System.Math.Round(x * 1_000_000), 1_000_000));

    /// <summary>The double reference is only good to ~1e-15 relative; the ball must agree to that and be far tighter.</summary>
    private static void AssertClose(double expected, RealBall actual)
    {
        var tolerance = 4e-15 * System.Math.Max(1, System.Math.Abs(expected));
        Assert.InRange(actual.ToDouble(), expected - tolerance, expected + tolerance);
        Assert.True(actual.RadiusLog2 < -150, $"radius 2^{actual.RadiusLog2} too wide");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-3.25)]
    [InlineData(10.75)]
    [InlineData(1e-6)]
    [InlineData(-20.125)]
    public void Exp_MatchesTheReference(double x)
    {
        var c = Context();
        AssertClose(System.Math.Exp(System.Math.Round(x * 1_000_000) / 1_000_000), c.Exp(Value(c, x)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(1000.5)]
    [InlineData(1.000001)]
    public void Ln_MatchesTheReference(double x)
    {
        var c = Context();
        var ln = c.Ln(Value(c, x));
        Assert.InRange(ln.ToDouble(), System.Math.Log(x) - 1e-14, System.Math.Log(x) + 1e-14);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(-7.125)]
    [InlineData(100.5)]
    public void SinCos_MatchTheReference(double x)
    {
        var c = Context();
        var (sin, cos) = c.SinCos(Value(c, x), cosineUsedAlone: false);
        AssertClose(System.Math.Sin(x), sin);
        AssertClose(System.Math.Cos(x), cos);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(-3)]
    [InlineData(50)]
    public void Atan_MatchesTheReference(double x)
    {
        var c = Context();
        AssertClose(System.Math.Atan(x), c.Atan(Value(c, x)));
    }

    [Fact]
    public void Pi_HasManyCorrectDigits()
    {
        var c = Context(400);
        var pi = c.Pi();
        var fixedDigits = pi.Mid.ToFixed(0); // integer part
        Assert.Equal(3, (int)fixedDigits);

        // 3.14159265358979323846264338327950288419716939937510 to 50 places.
        var expected = BigRational.Create(
            System.Numerics.BigInteger.Parse("314159265358979323846264338327950288419716939937510", System.Globalization.CultureInfo.InvariantCulture),
            System.Numerics.BigInteger.Pow(10, 50));
        var difference = c.Subtract(pi, c.FromRational(expected));
        Assert.True(difference.UpperLog2 < -160);
    }

    [Fact]
    public void Add_WhenATermIsBelowThePrecision_MarksTheResultUnresolved()
    {
        var c = Context(128);
        var tiny = c.FromRational(BigRational.Create(1, System.Numerics.BigInteger.Pow(10, 100)));

        _ = c.Add(c.Pi(), tiny);

        Assert.True(c.Unresolved);
    }

    [Fact]
    public void Add_WhenTermsAreComparable_StaysResolved()
    {
        var c = Context(128);

        _ = c.Add(c.Pi(), c.Exact(1));

        Assert.False(c.Unresolved);
    }

    [Fact]
    public void Divide_WhenDivisorMayBeZero_Throws()
    {
        var c = Context();
        var almostZero = c.Subtract(c.Pi(), c.Pi());

        Assert.Throws<EvaluationException>(() => c.Divide(c.Exact(1), almostZero));
    }

    [Fact]
    public void PowInteger_WithAHugeExponent_KeepsPrecision()
    {
        var c = Context(128);

        var power = c.PowInteger(c.Exact(9), System.Numerics.BigInteger.Pow(9, 9));

        Assert.InRange(power.MidLog2, (387420489 * System.Math.Log2(9)) - 1, (387420489 * System.Math.Log2(9)) + 1);
        Assert.True(power.RadiusLog2 < power.MidLog2 - 64);
    }
}
