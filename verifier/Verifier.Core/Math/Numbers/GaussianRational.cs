namespace Verifier.Core.Math.Numbers;

/// <summary>An exact complex number with rational parts (a + bi); most answers are its real case.</summary>
internal readonly record struct GaussianRational(BigRational Re, BigRational Im)
{
    public static readonly GaussianRational Zero = new(BigRational.Zero, BigRational.Zero);
    public static readonly GaussianRational One = new(BigRational.One, BigRational.Zero);
    public static readonly GaussianRational I = new(BigRational.Zero, BigRational.One);

    public bool IsReal => Im.IsZero;

    public bool IsZero => Re.IsZero && Im.IsZero;

    public long BitSize => Re.BitSize + Im.BitSize;

    public static GaussianRational FromReal(BigRational value) => new(value, BigRational.Zero);

    public static GaussianRational operator +(GaussianRational a, GaussianRational b) => new(a.Re + b.Re, a.Im + b.Im);

    public static GaussianRational operator -(GaussianRational a, GaussianRational b) => new(a.Re - b.Re, a.Im - b.Im);

    public static GaussianRational operator -(GaussianRational a) => new(-a.Re, -a.Im);

    public static GaussianRational operator *(GaussianRational a, GaussianRational b)
    {
        if (a.IsReal && b.IsReal)
        {
            return FromReal(a.Re * b.Re);
        }

        return new((a.Re * b.Re) - (a.Im * b.Im), (a.Re * b.Im) + (a.Im * b.Re));
    }

    public static GaussianRational operator /(GaussianRational a, GaussianRational b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (b.IsReal)
        {
            return new(a.Re / b.Re, a.Im / b.Re);
        }

        var denominator = (b.Re * b.Re) + (b.Im * b.Im);
        return new(((a.Re * b.Re) + (a.Im * b.Im)) / denominator, ((a.Im * b.Re) - (a.Re * b.Im)) / denominator);
    }

    public GaussianRational Pow(int exponent)
    {
        if (IsReal)
        {
            return FromReal(Re.Pow(exponent));
        }

        if (exponent < 0)
        {
            return One / Pow(-exponent);
        }

        var result = One;
        var power = this;
        var e = exponent;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                result *= power;
            }

            e >>= 1;
            if (e > 0)
            {
                power *= power;
            }
        }

        return result;
    }

    public override string ToString() => IsReal ? Re.ToString() : $"{Re} + {Im}i";
}
