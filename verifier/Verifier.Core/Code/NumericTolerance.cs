namespace Verifier.Core.Code;

/// <summary>
/// Number tokens and the tolerance test shared by the io and function comparers; which numbers may be compared within
/// a tolerance is <see cref="NumberRule"/>'s decision. The tolerance is absolute or relative:
/// |a - b| &lt;= tolerance * max(1, |a|, |b|).
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

    /// <summary>True for digits with an optional sign: no decimal point, no exponent.</summary>
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

    public static bool WithinTolerance(double expected, double actual, double tolerance)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return false; // tokens that overflow a double (1e999) never match by tolerance
        }

        var scale = System.Math.Max(1.0, System.Math.Max(System.Math.Abs(expected), System.Math.Abs(actual)));
        return System.Math.Abs(expected - actual) <= tolerance * scale;
    }

    /// <summary>
    /// The float checker's test: |e - a| &lt;= absolute, or |e - a| &lt;= relative * |e|. The scale is the expected value
    /// alone, so a program cannot widen its own tolerance by printing a huge number. Values a double cannot hold
    /// (<c>1e400</c>) never match this way.
    /// </summary>
    public static bool WithinAbsoluteOrRelative(double expected, double actual, double absolute, double relative)
    {
        if (!double.IsFinite(expected) || !double.IsFinite(actual))
        {
            return false;
        }

        var difference = System.Math.Abs(expected - actual);
        return difference <= absolute || difference <= relative * System.Math.Abs(expected);
    }
}
