using System.Numerics;
using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Tests.Math.Numbers;

public sealed class BigRationalTests
{
    [Fact]
    public void Create_ReducesToLowestTermsWithPositiveDenominator()
    {
        var value = BigRational.Create(6, -8);

        Assert.Equal(new BigInteger(-3), value.Numerator);
        Assert.Equal(new BigInteger(4), value.Denominator);
        Assert.Equal(BigRational.Create(-3, 4), value);
    }

    [Fact]
    public void Arithmetic_IsExact()
    {
        var third = BigRational.Create(1, 3);
        var sixth = BigRational.Create(1, 6);

        Assert.Equal(BigRational.Create(1, 2), third + sixth);
        Assert.Equal(BigRational.Create(1, 18), third * sixth);
        Assert.Equal(BigRational.FromInteger(2), third / sixth);
        Assert.Equal(BigRational.Create(1, 6), third - sixth);
        Assert.Equal(BigRational.Create(1, 27), third.Pow(3));
        Assert.Equal(BigRational.FromInteger(27), third.Pow(-3));
    }

    [Fact]
    public void Default_IsZero()
    {
        BigRational value = default;

        Assert.True(value.IsZero);
        Assert.Equal(BigRational.Zero, value);
        Assert.Equal(BigInteger.One, value.Denominator);
    }

    [Theory]
    [InlineData(9, 4, 2, 3, 2)]
    [InlineData(-27, 8, 3, -3, 2)]
    [InlineData(1024, 1, 10, 2, 1)]
    public void TryRoot_WhenRootIsRational_ReturnsIt(long numerator, long denominator, int k, long rootNumerator, long rootDenominator)
    {
        var root = BigRational.Create(numerator, denominator).TryRoot(k);

        Assert.Equal(BigRational.Create(rootNumerator, rootDenominator), root);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(-4, 2)]
    [InlineData(10, 3)]
    public void TryRoot_WhenRootIsIrrationalOrImaginary_ReturnsNull(long value, int k)
    {
        Assert.Null(BigRational.FromInteger(value).TryRoot(k));
    }

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -4)]
    [InlineData(6, 3, 2)]
    public void Floor_RoundsTowardNegativeInfinity(long numerator, long denominator, long expected)
    {
        Assert.Equal(new BigInteger(expected), BigRational.Create(numerator, denominator).Floor());
    }

    [Fact]
    public void FloorRoot_IsExactForHugeNumbers()
    {
        var n = BigInteger.Pow(10, 400) + 12345;

        var root = IntegerMath.FloorRoot(n, 2);

        Assert.True(root * root <= n);
        Assert.True((root + 1) * (root + 1) > n);
    }
}
