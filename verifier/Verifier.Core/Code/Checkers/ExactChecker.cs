namespace Verifier.Core.Code.Checkers;

/// <summary>The output must be the expected text itself: every space, line ending and final newline counts.</summary>
public sealed class ExactChecker : IOutputChecker
{
    public static readonly ExactChecker Instance = new();

    private ExactChecker()
    {
    }

    public IoComparison Compare(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return IoComparison.Match;
        }

        var at = expected.AsSpan().CommonPrefixLength(actual);
        var line = expected.AsSpan(0, at).Count('\n') + 1;
        return new IoComparison(false, at == expected.Length || at == actual.Length
            ? $"expected {expected.Length} characters, got {actual.Length} (the same up to there)"
            : $"line {line}: the output differs at character {at + 1}");
    }
}
