namespace Verifier.Core.Code;

/// <summary>The comparison of a program's stdout with the expected stdout.</summary>
public readonly record struct IoComparison(bool Equal, string? Reason)
{
    public static readonly IoComparison Match = new(true, null);
}

/// <summary>
/// Compares stdout with the expected text, outside the sandbox. Lines are compared one by one and there must be the
/// same number of them, after dropping trailing whitespace on each line (a <c>\r</c> included) and trailing blank lines.
/// Within a line, whitespace-separated tokens are compared: identical text always matches, two number tokens match
/// under the <see cref="NumberRule"/>, anything else does not (so case matters).
/// </summary>
public sealed class IoOutputComparer(NumberRule numbers)
{
    private const int ExcerptLength = 60;

    /// <summary>Expected integers exactly as written; expected decimals within <paramref name="decimalTolerance"/>.</summary>
    public IoOutputComparer(double decimalTolerance = NumericTolerance.Default)
        : this(NumberRule.Strict(decimalTolerance))
    {
    }

    public NumberRule Numbers { get; } = numbers ?? throw new ArgumentNullException(nameof(numbers));

    public IoComparison Compare(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var want = SignificantLines(expected);
        var got = SignificantLines(actual);
        var common = System.Math.Min(want.Count, got.Count);
        for (var i = 0; i < common; i++)
        {
            if (!LineEqual(want[i], got[i]))
            {
                return new IoComparison(false, $"line {i + 1}: expected '{Excerpt(want[i])}', got '{Excerpt(got[i])}'");
            }
        }

        return want.Count == got.Count
            ? IoComparison.Match
            : new IoComparison(false, $"expected {want.Count} lines, got {got.Count}");
    }

    private static List<string> SignificantLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private bool LineEqual(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var want = expected.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var got = actual.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (want.Length != got.Length)
        {
            return false;
        }

        for (var i = 0; i < want.Length; i++)
        {
            if (string.Equals(want[i], got[i], StringComparison.Ordinal))
            {
                continue;
            }

            if (!Numbers.Matches(want[i], got[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Excerpt(string line) => line.Length <= ExcerptLength ? line : line[..ExcerptLength] + "...";
}
