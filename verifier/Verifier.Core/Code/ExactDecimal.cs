using System.Globalization;
using System.Numerics;

namespace Verifier.Core.Code;

/// <summary>
/// The exact value of a number token as significant digits times a power of ten, so that equality needs no
/// arithmetic: <c>1e9</c>, <c>1000000000</c> and <c>1.0e9</c> all become (1, 9). The exponent is never expanded
/// (<c>1e999999999</c> stays three characters), so no token can make a comparison expensive.
/// </summary>
internal readonly record struct ExactDecimal(bool Negative, string Significand, BigInteger Exponent)
{
    /// <summary>Exponent digits past which a token is not worth parsing (BigInteger parsing is not linear in length).</summary>
    private const int MaxExponentDigits = 1_000;

    private static readonly ExactDecimal Zero = new(false, "0", BigInteger.Zero);

    /// <summary>
    /// Parses a token that satisfies <see cref="NumericTolerance.IsNumberToken"/>; null for an exponent of more than
    /// <see cref="MaxExponentDigits"/> digits (such a token equals only its own text, which callers check first).
    /// </summary>
    public static ExactDecimal? TryParse(string token)
    {
        var span = token.AsSpan();
        var negative = span[0] == '-';
        if (span[0] is '+' or '-')
        {
            span = span[1..];
        }

        var exponent = BigInteger.Zero;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            var written = span[(e + 1)..];
            if (written.TrimStart("+-").TrimStart('0').Length > MaxExponentDigits)
            {
                return null;
            }

            exponent = BigInteger.Parse(written, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            span = span[..e];
        }

        var point = span.IndexOf('.');
        var digits = point < 0 ? span.ToString() : string.Concat(span[..point], span[(point + 1)..]);
        if (point >= 0)
        {
            exponent -= span.Length - point - 1;
        }

        var significand = digits.AsSpan().TrimStart('0');
        if (significand.IsEmpty)
        {
            return Zero; // -0, 0.000 and 0e5 are all zero
        }

        var trimmed = significand.TrimEnd('0');
        exponent += significand.Length - trimmed.Length;
        return new ExactDecimal(negative, trimmed.ToString(), exponent);
    }
}
