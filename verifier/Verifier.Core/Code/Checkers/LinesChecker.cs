namespace Verifier.Core.Code.Checkers;

/// <summary>
/// The same lines as text: trailing whitespace on each line (a <c>\r</c> included) and trailing blank lines are
/// ignored, everything else counts (leading spaces, the spaces between words, how a number is written).
/// </summary>
public sealed class LinesChecker : IOutputChecker
{
    public static readonly LinesChecker Instance = new();

    private LinesChecker()
    {
    }

    public IoComparison Compare(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var want = OutputLines.Significant(expected);
        var got = OutputLines.Significant(actual);
        var common = System.Math.Min(want.Count, got.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(want[i], got[i], StringComparison.Ordinal))
            {
                return new IoComparison(false, $"line {i + 1}: expected '{OutputLines.Excerpt(want[i])}', got '{OutputLines.Excerpt(got[i])}'");
            }
        }

        return want.Count == got.Count ? IoComparison.Match : new IoComparison(false, $"expected {want.Count} lines, got {got.Count}");
    }
}
