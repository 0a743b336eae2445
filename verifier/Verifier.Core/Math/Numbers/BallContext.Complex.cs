using System.Numerics;

namespace Verifier.Core.Math.Numbers;

/// <summary>Complex ball arithmetic with principal branches; real inputs stay on the real fast path.</summary>
internal sealed partial class BallContext
{
    public ComplexBall Add(ComplexBall a, ComplexBall b) =>
        a.IsReal && b.IsReal ? new ComplexBall(Add(a.Re, b.Re)) : new ComplexBall(Add(a.Re, b.Re), Add(a.Im, b.Im));

    public ComplexBall Subtract(ComplexBall a, ComplexBall b) => Add(a, b.Negate());

    public ComplexBall Multiply(ComplexBall a, ComplexBall b)
    {
        if (a.IsReal && b.IsReal)
        {
            return new ComplexBall(Multiply(a.Re, b.Re));
        }

        if (b.IsReal)
        {
            return new ComplexBall(Multiply(a.Re, b.Re), Multiply(a.Im, b.Re));
        }

        if (a.IsReal)
        {
            return new ComplexBall(Multiply(a.Re, b.Re), Multiply(a.Re, b.Im));
        }

        var re = Subtract(Multiply(a.Re, b.Re), Multiply(a.Im, b.Im));
        var im = Add(Multiply(a.Re, b.Im), Multiply(a.Im, b.Re));
        return new ComplexBall(re, im);
    }

    public ComplexBall Divide(ComplexBall a, ComplexBall b)
    {
        if (b.IsReal)
        {
            return a.IsReal ? new ComplexBall(Divide(a.Re, b.Re)) : new ComplexBall(Divide(a.Re, b.Re), Divide(a.Im, b.Re));
        }

        var denominator = Add(Square(b.Re), Square(b.Im));
        var re = Add(Multiply(a.Re, b.Re), Multiply(a.Im, b.Im));
        var im = Subtract(Multiply(a.Im, b.Re), Multiply(a.Re, b.Im));
        return new ComplexBall(Divide(re, denominator), Divide(im, denominator));
    }

    public ComplexBall PowInteger(ComplexBall a, BigInteger exponent)
    {
        if (a.IsReal)
        {
            return new ComplexBall(PowInteger(a.Re, exponent));
        }

        if (BigInteger.Abs(exponent) > 1_000_000)
        {
            throw new EvaluationException("complex power too large");
        }

        if (exponent.Sign < 0)
        {
            return Divide(new ComplexBall(Exact(1)), PowInteger(a, -exponent));
        }

        var result = new ComplexBall(Exact(1));
        var power = a;
        var e = exponent;
        while (!e.IsZero)
        {
            if (!e.IsEven)
            {
                result = Multiply(result, power);
            }

            e >>= 1;
            if (!e.IsZero)
            {
                power = Multiply(power, power);
            }
        }

        return result;
    }

    public ComplexBall Abs(ComplexBall a)
    {
        if (a.IsReal)
        {
            return new ComplexBall(new RealBall(a.Re.Mid.Abs(), a.Re.RadiusLog2));
        }

        return new ComplexBall(Sqrt(Add(Square(a.Re), Square(a.Im))));
    }

    public ComplexBall Sqrt(ComplexBall a)
    {
        if (a.IsReal)
        {
            if (a.Re.IsExactZero || a.Re.IsCertainlyPositive)
            {
                return new ComplexBall(Sqrt(a.Re));
            }

            if (a.Re.IsCertainlyNegative)
            {
                return new ComplexBall(RealBall.ExactZero, Sqrt(a.Re.Negate()));
            }

            throw new EvaluationException("square root near zero", precisionLimited: true);
        }

        // Principal root: u = sqrt((|z| + re)/2), v = im / (2u), or the mirror image for re < 0.
        var modulus = Abs(a).Re;
        var half = RealBall.Exact(new BigFloat(1, -1));
        if (a.Re.Mid.Sign >= 0)
        {
            var u = Sqrt(Multiply(Add(modulus, a.Re), half));
            return new ComplexBall(u, Divide(a.Im, Add(u, u)));
        }

        if (!a.Im.IsCertainlyNonZero)
        {
            throw new EvaluationException("square root on the branch cut", precisionLimited: true);
        }

        var v = Sqrt(Multiply(Subtract(modulus, a.Re), half));
        if (a.Im.Mid.Sign < 0)
        {
            v = v.Negate();
        }

        return new ComplexBall(Divide(a.Im, Add(v, v)), v);
    }

    public ComplexBall Exp(ComplexBall a)
    {
        if (a.IsReal)
        {
            return new ComplexBall(Exp(a.Re));
        }

        var magnitude = Exp(a.Re);
        var (sin, cos) = SinCos(a.Im, cosineUsedAlone: false);
        return new ComplexBall(Multiply(magnitude, cos), Multiply(magnitude, sin));
    }

    /// <summary>Principal logarithm: ln|z| + i arg z.</summary>
    public ComplexBall Ln(ComplexBall a)
    {
        if (a.IsReal)
        {
            if (a.Re.IsCertainlyPositive)
            {
                return new ComplexBall(Ln(a.Re));
            }

            if (a.Re.IsCertainlyNegative)
            {
                return new ComplexBall(Ln(a.Re.Negate()), Pi());
            }

            throw new EvaluationException("logarithm of zero", precisionLimited: true);
        }

        var modulusSquared = Add(Square(a.Re), Square(a.Im));
        var lnModulus = Ln(modulusSquared);
        var half = RealBall.Exact(new BigFloat(1, -1));
        return new ComplexBall(Multiply(lnModulus, half), Atan2(a.Im, a.Re));
    }

    /// <summary>
    /// General power. Integer exponents multiply; a negative real base with a rational exponent of odd
    /// denominator takes the real root (so the cube root of -8 is -2, as a student means it).
    /// </summary>
    public ComplexBall Pow(ComplexBall baseValue, ComplexBall exponent, BigRational? exactExponent)
    {
        if (exactExponent is { } q)
        {
            if (q.IsInteger)
            {
                return PowInteger(baseValue, q.Numerator);
            }

            if (baseValue.IsReal && baseValue.Re.IsCertainlyNegative && !q.Denominator.IsEven)
            {
                var magnitude = Pow(new ComplexBall(baseValue.Re.Negate()), exponent, null);
                return q.Numerator.IsEven ? magnitude : magnitude.Negate();
            }
        }

        if (baseValue.IsExactZero)
        {
            if (exponent.IsReal && exponent.Re.IsCertainlyPositive)
            {
                return baseValue;
            }

            throw new EvaluationException("zero to a non-positive power", precisionLimited: true);
        }

        if (baseValue.IsReal && exponent.IsReal && baseValue.Re.IsCertainlyPositive)
        {
            return new ComplexBall(Exp(Multiply(exponent.Re, Ln(baseValue.Re))));
        }

        return Exp(Multiply(exponent, Ln(baseValue)));
    }

    public ComplexBall Sin(ComplexBall a)
    {
        if (a.IsReal)
        {
            return new ComplexBall(Sin(a.Re));
        }

        // sin z = (e^{iz} - e^{-iz}) / 2i
        var iz = new ComplexBall(a.Im.Negate(), a.Re);
        var p = Exp(iz);
        var m = Exp(iz.Negate());
        var diff = Subtract(p, m);
        return Divide(diff, new ComplexBall(RealBall.ExactZero, Exact(2)));
    }

    public ComplexBall Cos(ComplexBall a)
    {
        if (a.IsReal)
        {
            return new ComplexBall(Cos(a.Re));
        }

        var iz = new ComplexBall(a.Im.Negate(), a.Re);
        var sum = Add(Exp(iz), Exp(iz.Negate()));
        return Divide(sum, new ComplexBall(Exact(2)));
    }

    public ComplexBall Tan(ComplexBall a)
    {
        if (a.IsReal)
        {
            var (sin, cos) = SinCos(a.Re, cosineUsedAlone: false);
            return new ComplexBall(Divide(sin, cos));
        }

        return Divide(Sin(a), Cos(a));
    }

    public ComplexBall Atan(ComplexBall a)
    {
        if (a.IsReal)
        {
            return new ComplexBall(Atan(a.Re));
        }

        // atan z = (i/2) ln((i + z) / (i - z))
        var i = new ComplexBall(RealBall.ExactZero, Exact(1));
        var ratio = Divide(Add(i, a), Subtract(i, a));
        var ln = Ln(ratio);
        var halfI = new ComplexBall(RealBall.ExactZero, RealBall.Exact(new BigFloat(1, -1)));
        return Multiply(halfI, ln);
    }

    public ComplexBall Asin(ComplexBall a)
    {
        if (a.IsReal && a.Re.UpperLog2 < -0.01)
        {
            // |x| < 1: asin x = atan(x / sqrt(1 - x^2)).
            var x = a.Re;
            var root = Sqrt(Subtract(Exact(1), Square(x)));
            return new ComplexBall(Atan(Divide(x, root)));
        }

        if (a.IsReal && a.Re.IsExact && a.Re.Mid.Mantissa.IsOne && a.Re.Mid.Exponent == 0)
        {
            return new ComplexBall(HalfPi());
        }

        if (a.IsReal && a.Re.IsExact && a.Re.Mid.Mantissa.IsOne == false && a.Re.Mid.Mantissa == BigInteger.MinusOne && a.Re.Mid.Exponent == 0)
        {
            return new ComplexBall(HalfPi().Negate());
        }

        // asin z = -i ln(iz + sqrt(1 - z^2))
        var iz = new ComplexBall(a.Im.Negate(), a.Re);
        var inner = Add(iz, Sqrt(Subtract(new ComplexBall(Exact(1)), Multiply(a, a))));
        var ln = Ln(inner);
        return new ComplexBall(ln.Im, ln.Re.Negate());
    }

    public ComplexBall Acos(ComplexBall a) => Subtract(new ComplexBall(HalfPi()), Asin(a));
}
