using Verifier.Core.Code.Checkers;

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
public sealed class IoOutputComparer(NumberRule numbers) : IOutputChecker
{
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
        var want = OutputLines.Significant(expected);
        var got = OutputLines.Significant(actual);
        var common = System.Math.Min(want.Count, got.Count);
        for (var i = 0; i < common; i++)
        {
            if (!LineEqual(want[i], got[i]))
            {
                return new IoComparison(false, $"line {i + 1}: expected '{OutputLines.Excerpt(want[i])}', got '{OutputLines.Excerpt(got[i])}'");
            }
        }

        return want.Count == got.Count
            ? IoComparison.Match
            : new IoComparison(false, $"expected {want.Count} lines, got {got.Count}");
    }

    private bool LineEqual(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var want = OutputLines.Tokens(expected);
        var got = OutputLines.Tokens(actual);
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
}
