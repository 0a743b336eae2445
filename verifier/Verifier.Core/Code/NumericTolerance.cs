using System.Globalization;

namespace Verifier.Core.Code;

/// <summary>
/// Number comparison shared by the io and function comparers. Two integers compare exactly, whatever their size
/// (so 123456789 is not 123456790, however small the relative difference). When either side is a decimal, they
/// compare within <c>tolerance</c>, absolute or relative: |a - b| &lt;= tolerance * max(1, |a|, |b|).
/// </summary>
public static class NumericTolerance
{
    public const double Default = 1e-6;

    /// <summary>True for a plain decimal number token: sign, digits, optional fraction and exponent. No NaN, no infinity, no hex.</summary>
    public static bool IsNumberToken(ReadOnlySpan<char> token)
    {
        var i = 0;
        if (i < token.Length && (token[i] == '+' || token[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < token.Length && char.IsAsciiDigit(token[i]))
        {
            i++;
            digits++;
        }

        if (i < token.Length && token[i] == '.')
        {
            i++;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            if (i < token.Length && (token[i] == '+' || token[i] == '-'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == token.Length;
    }

    public static bool IsIntegerToken(ReadOnlySpan<char> token)
    {
        var start = token.Length > 0 && (token[0] == '+' || token[0] == '-') ? 1 : 0;
        if (start == token.Length)
        {
            return false;
        }

        foreach (var c in token[start..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares two number tokens (both must satisfy <see cref="IsNumberToken"/>).</summary>
    public static bool TokensEqual(string expected, string actual, double tolerance)
    {
        if (IsIntegerToken(expected) && IsIntegerToken(actual))
        {
            return IntegerTokensEqual(expected, actual);
        }

        var a = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        var b = double.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture);
        return WithinTolerance(a, b, tolerance);
    }

    /// <summary>
    /// Exact, and linear in the digits: sign and leading zeros aside, equal integers have equal digits. (Parsing into
    /// BigInteger took 0.6 s for the million digits a function's answer may carry, a cost a submission could choose.)
    /// </summary>
    private static bool IntegerTokensEqual(ReadOnlySpan<char> expected, ReadOnlySpan<char> actual)
    {
        var expectedDigits = Magnitude(expected, out var expectedNegative);
        var actualDigits = Magnitude(actual, out var actualNegative);
        return expectedDigits.SequenceEqual(actualDigits) && (expectedNegative == actualNegative || expectedDigits.IsEmpty);
    }

    private static ReadOnlySpan<char> Magnitude(ReadOnlySpan<char> token, out bool negative)
    {
        negative = token[0] == '-';
        return (token[0] is '-' or '+' ? token[1..] : token).TrimStart('0');
    }

    public static bool WithinTolerance(double expected, double actual, double tolerance)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return false; // tokens that overflow a double (1e999) never match by tolerance
        }

        var scale = System.Math.Max(1.0, System.Math.Max(System.Math.Abs(expected), System.Math.Abs(actual)));
        return System.Math.Abs(expected - actual) <= tolerance * scale;
    }
}
