using System.Text;
using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Extraction;

/// <summary>A number found in prose, already rewritten in plain form ("1,000.99" becomes "1000.99").</summary>
internal readonly record struct ProseNumber(int Start, int End, string Text);

/// <summary>
/// Finds numbers in plain text: thousands separators (1,000 and 1 000), decimal commas (2,74), simple
/// fractions (2/3), percentages. A number glued to a preceding letter (AZYUK2A) is part of a word.
/// </summary>
internal static class NumberScanner
{
    public static List<ProseNumber> Find(string text, CheckBudget budget)
    {
        var numbers = new List<ProseNumber>();
        var i = 0;
        while (i < text.Length)
        {
            budget.Tick();
            var c = text[i];
            var startsNumber = char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (i == 0 || !char.IsAsciiDigit(text[i - 1])));
            if (!startsNumber)
            {
                i++;
                continue;
            }

            if (i > 0 && char.IsLetter(text[i - 1]))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                continue;
            }

            var (end, value) = ReadNumber(text, i);
            var negative = i > 0 && text[i - 1] == '-' && (i == 1 || !char.IsLetterOrDigit(text[i - 2]));
            var start = negative ? i - 1 : i;
            numbers.Add(new ProseNumber(start, end, negative ? "-" + value : value));
            i = System.Math.Max(end, i + 1);
        }

        return numbers;
    }

    /// <summary>
    /// The last number, together with the numbers before it joined by "or" or "and" ("5 or 6" is a hedge and
    /// must not pass as 6).
    /// </summary>
    public static string? LastWithHedges(string text, CheckBudget budget)
    {
        var numbers = Find(text, budget);
        if (numbers.Count == 0)
        {
            return null;
        }

        var first = numbers.Count - 1;
        while (first > 0)
        {
            var gap = text.AsSpan(numbers[first - 1].End, numbers[first].Start - numbers[first - 1].End).Trim();
            var isHedge = gap.Equals("or", StringComparison.OrdinalIgnoreCase) || gap.Equals(", or", StringComparison.OrdinalIgnoreCase) ||
                gap.Equals("and", StringComparison.OrdinalIgnoreCase) || gap.Equals("or maybe", StringComparison.OrdinalIgnoreCase) ||
                gap.Equals("or possibly", StringComparison.OrdinalIgnoreCase) || gap.Equals("/", StringComparison.Ordinal);
            if (!isHedge)
            {
                break;
            }

            first--;
        }

        return string.Join(", ", numbers.Skip(first).Select(n => n.Text));
    }

    private static (int End, string Value) ReadNumber(string text, int start)
    {
        var digits = new StringBuilder();
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            digits.Append(text[i++]);
        }

        // Thousands groups: "1,000,000", "1 000", "49,\!479" after a first group of 1-3 digits not starting with 0.
        var grouped = false;
        if (digits.Length is > 0 and <= 3 && digits[0] != '0')
        {
            while (true)
            {
                var separatorLength = Matches(text, i, ",\\!") ? 3 : Matches(text, i, "{,}") ? 3 : (i < text.Length && text[i] is ',' or ' ') ? 1 : 0;
                var g = i + separatorLength;
                if (separatorLength == 0 || !IsThreeDigitGroup(text, g))
                {
                    break;
                }

                digits.Append(text, g, 3);
                i = g + 3;
                grouped = true;
            }
        }

        var value = digits.ToString();
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            var j = i + 1;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            value += text[i..j];
            i = j;
        }
        else if (!grouped && i + 1 < text.Length && text[i] == ',' && char.IsAsciiDigit(text[i + 1]))
        {
            // Decimal comma: "2,74", "1000,99", "0,111" (not a thousands group, or led by 0).
            var j = i + 1;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j - i - 1 != 3 || value == "0" || digits.Length > 3)
            {
                value += "." + text[(i + 1)..j];
                i = j;
            }
        }

        if (value.StartsWith('.'))
        {
            value = "0" + value;
        }

        // "2/3" is one number in prose.
        if (i + 1 < text.Length && text[i] == '/' && char.IsAsciiDigit(text[i + 1]))
        {
            var j = i + 1;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            value += text[i..j];
            i = j;
        }

        var k = i;
        while (k < text.Length && text[k] == ' ')
        {
            k++;
        }

        if (k < text.Length && text[k] == '%')
        {
            value += "%";
            i = k + 1;
        }

        return (i, value);
    }

    private static bool IsThreeDigitGroup(string text, int at) =>
        at + 3 <= text.Length && char.IsAsciiDigit(text[at]) && char.IsAsciiDigit(text[at + 1]) && char.IsAsciiDigit(text[at + 2]) &&
        (at + 3 == text.Length || !char.IsAsciiDigit(text[at + 3]));

    private static bool Matches(string text, int at, string value) =>
        at + value.Length <= text.Length && string.CompareOrdinal(text, at, value, 0, value.Length) == 0;
}
