namespace Verifier.Core.Code.Checkers;

/// <summary>
/// The expected items in any order, each exactly as many times as expected and nothing else, so printing every
/// candidate answer (or one answer twice) fails. Items compare as text: a line is its tokens joined by one space (how
/// the spaces between them are written does not count, blank lines are ignored); a token is itself. Numbers are not
/// read as numbers here (<c>1.0</c> is not <c>1</c>): an order-free match within a tolerance would be ambiguous.
/// </summary>
public sealed class UnorderedChecker : IOutputChecker
{
    public static readonly UnorderedChecker ByLines = new(UnorderedItems.Lines);
    public static readonly UnorderedChecker ByTokens = new(UnorderedItems.Tokens);

    private readonly UnorderedItems _items;

    private UnorderedChecker(UnorderedItems items) => _items = items;

    public IoComparison Compare(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var want = Items(expected);
        var got = Items(actual);
        var noun = _items == UnorderedItems.Lines ? "lines" : "tokens";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in want)
        {
            counts[item] = counts.GetValueOrDefault(item) + 1;
        }

        foreach (var item in got)
        {
            var left = counts.GetValueOrDefault(item);
            if (left == 0)
            {
                return new IoComparison(false, $"unexpected or repeated item '{OutputLines.Excerpt(item)}' (expected {want.Count} {noun}, got {got.Count})");
            }

            counts[item] = left - 1;
        }

        var missing = counts.FirstOrDefault(c => c.Value > 0);
        return missing.Key is null ? IoComparison.Match : new IoComparison(false, $"missing '{OutputLines.Excerpt(missing.Key)}' (expected {want.Count} {noun}, got {got.Count})");
    }

    private List<string> Items(string text) => _items == UnorderedItems.Tokens
        ? [.. OutputLines.Tokens(text)]
        : [.. text.Split('\n').Select(l => string.Join(' ', OutputLines.Tokens(l))).Where(l => l.Length > 0)];
}
