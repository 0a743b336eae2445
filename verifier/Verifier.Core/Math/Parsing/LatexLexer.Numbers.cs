using System.Globalization;
using System.Numerics;
using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Math.Parsing;

/// <summary>Numbers as written: thousands separators, decimals, repeating decimals, scientific notation.</summary>
internal sealed partial class LatexLexer
{
    private Token LexNumber()
    {
        var start = _position;
        var digits = new System.Text.StringBuilder();
        ReadDigits(digits);
        var groups = 0;
        while (digits.Length > 0 && TryReadThousandsGroup(digits, groups))
        {
            groups++;
        }

        var fraction = string.Empty;
        var repeating = string.Empty;
        var isDecimal = false;
        if (_position < _source.Length && _source[_position] == '.')
        {
            var afterDot = _position + 1;
            if (afterDot < _source.Length && char.IsAsciiDigit(_source[afterDot]))
            {
                _position = afterDot;
                var fractionDigits = new System.Text.StringBuilder();
                ReadDigits(fractionDigits);
                fraction = fractionDigits.ToString();
                isDecimal = true;
            }

            repeating = TryReadRepeating(isDecimal ? _position : afterDot);
            if (repeating.Length > 0)
            {
                isDecimal = true;
            }
        }

        var value = DecimalValue(digits.ToString(), fraction, repeating);
        value = ApplyScientificExponent(value, ref isDecimal);
        return new Token(TokenKind.Number, start, _position) { Number = value, IsDecimal = isDecimal && repeating.Length == 0 };
    }

    private void ReadDigits(System.Text.StringBuilder into)
    {
        while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
        {
            into.Append(_source[_position]);
            _position++;
            if (into.Length % 64 == 0)
            {
                _budget.Tick();
            }
        }
    }

    /// <summary>
    /// Reads one more thousands group (",ddd", "{,}ddd", ",\!ddd", "\,ddd" or " ddd") after a leading group of
    /// one to three digits that does not start with 0, or after an earlier group.
    /// </summary>
    private bool TryReadThousandsGroup(System.Text.StringBuilder digits, int groupsRead)
    {
        if (groupsRead == 0 && (digits.Length > 3 || digits[0] == '0'))
        {
            return false;
        }

        var i = _position;
        var ambiguous = false;
        if (BracedCommaLength(i) is var braced and > 0)
        {
            i += braced;
        }
        else if (Matches(i, ",\\!"))
        {
            i += 3;
        }
        else if (Matches(i, "\\,") || Matches(i, "\\ ") || Matches(i, "\\;"))
        {
            i += 2;
        }
        else if (Matches(i, ","))
        {
            if (!_commaThousands)
            {
                return false;
            }

            i += 1;
            ambiguous = true;
        }
        else if (Matches(i, " ") && !Matches(i + 1, " "))
        {
            i += 1;
        }
        else
        {
            return false;
        }

        if (!ambiguous)
        {
            while (i < _source.Length && _source[i] == ' ')
            {
                i++;
            }
        }

        // "32, 349" (a space after a plain comma) is a list, and so is anything but exactly three digits.
        if (i + 3 > _source.Length || !char.IsAsciiDigit(_source[i]) || !char.IsAsciiDigit(_source[i + 1]) || !char.IsAsciiDigit(_source[i + 2]))
        {
            return false;
        }

        if (i + 3 < _source.Length && char.IsAsciiDigit(_source[i + 3]))
        {
            return false;
        }

        digits.Append(_source, i, 3);
        _position = i + 3;
        if (ambiguous)
        {
            SawAmbiguousThousands = true;
        }

        return true;
    }

    /// <summary>Length of a "{,}" separator at <paramref name="at"/>, spaces allowed around and inside ("14 {, }916").</summary>
    private int BracedCommaLength(int at)
    {
        var i = at;
        while (i < _source.Length && _source[i] == ' ')
        {
            i++;
        }

        if (i >= _source.Length || _source[i] != '{')
        {
            return 0;
        }

        i++;
        while (i < _source.Length && _source[i] == ' ')
        {
            i++;
        }

        if (i >= _source.Length || _source[i] != ',')
        {
            return 0;
        }

        i++;
        while (i < _source.Length && _source[i] == ' ')
        {
            i++;
        }

        return i < _source.Length && _source[i] == '}' ? i + 1 - at : 0;
    }

    private bool Matches(int at, string text) =>
        at >= 0 && at + text.Length <= _source.Length && string.CompareOrdinal(_source, at, text, 0, text.Length) == 0;

    private string TryReadRepeating(int at)
    {
        const string Overline = "\\overline{";
        var i = at;
        if (!Matches(i, Overline))
        {
            return string.Empty;
        }

        var close = _source.IndexOf('}', i + Overline.Length);
        if (close < 0)
        {
            return string.Empty;
        }

        var content = _source[(i + Overline.Length)..close].Trim();
        if (content.Length == 0 || content.Length > 64 || !content.All(char.IsAsciiDigit))
        {
            return string.Empty;
        }

        _position = close + 1;
        return content;
    }

    private static BigRational DecimalValue(string integerPart, string fraction, string repeating)
    {
        var integer = integerPart.Length == 0 ? BigInteger.Zero : BigInteger.Parse(integerPart, CultureInfo.InvariantCulture);
        var value = BigRational.FromInteger(integer);
        if (fraction.Length > 0)
        {
            var scale = BigInteger.Pow(10, fraction.Length);
            value += BigRational.Create(BigInteger.Parse(fraction, CultureInfo.InvariantCulture), scale);
        }

        if (repeating.Length > 0)
        {
            // 0.1\overline{6}: the repeating block r of length k after f fraction digits adds r / ((10^k - 1) 10^f).
            var block = BigInteger.Parse(repeating, CultureInfo.InvariantCulture);
            var denominator = (BigInteger.Pow(10, repeating.Length) - 1) * BigInteger.Pow(10, fraction.Length);
            value += BigRational.Create(block, denominator);
        }

        return value;
    }

    private BigRational ApplyScientificExponent(BigRational value, ref bool isDecimal)
    {
        if (_position + 1 >= _source.Length || (_source[_position] != 'e' && _source[_position] != 'E'))
        {
            return value;
        }

        var i = _position + 1;
        var negative = false;
        if (_source[i] is '+' or '-')
        {
            negative = _source[i] == '-';
            i++;
        }

        var digitsStart = i;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]) && i - digitsStart < 6)
        {
            i++;
        }

        if (i == digitsStart || (i < _source.Length && char.IsAsciiLetterOrDigit(_source[i])))
        {
            return value;
        }

        var exponent = int.Parse(_source.AsSpan(digitsStart, i - digitsStart), CultureInfo.InvariantCulture);
        if (exponent > 4000)
        {
            return value;
        }

        _position = i;
        isDecimal = true;
        var scale = BigRational.FromInteger(BigInteger.Pow(10, exponent));
        return negative ? value / scale : value * scale;
    }
}
