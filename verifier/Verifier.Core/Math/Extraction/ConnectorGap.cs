namespace Verifier.Core.Math.Extraction;

/// <summary>
/// Decides whether the text between two answers only joins them ("and", commas, \quad, closing and opening
/// math delimiters) so they form one list — which also makes "\boxed{5} or \boxed{6}" a hedge, not a 6.
/// </summary>
internal static class ConnectorGap
{
    private const int MaxWordyGap = 48;

    public static bool IsConnector(ReadOnlySpan<char> gap)
    {
        if (gap.Length > 400)
        {
            return false;
        }

        var stripped = Strip(gap);
        if (!stripped.Any(char.IsLetterOrDigit))
        {
            return true;
        }

        // A short remark containing "and"/"or" ("papers and", "for part (a) and").
        return stripped.Length <= MaxWordyGap && ContainsWord(stripped, "and") || stripped.Length <= MaxWordyGap && ContainsWord(stripped, "or");
    }

    /// <summary>Removes LaTeX spacing and delimiter commands, keeping words.</summary>
    private static string Strip(ReadOnlySpan<char> gap)
    {
        var builder = new System.Text.StringBuilder(gap.Length);
        for (var i = 0; i < gap.Length; i++)
        {
            var c = gap[i];
            if (c == '\\')
            {
                var j = i + 1;
                while (j < gap.Length && char.IsAsciiLetter(gap[j]))
                {
                    j++;
                }

                var name = gap[(i + 1)..j];
                if (name.Length == 0)
                {
                    i = j; // \( \) \[ \] \, \; \! \\
                    builder.Append(' ');
                    continue;
                }

                // \text{ and } keeps its words; other commands (\quad, \text itself) vanish.
                builder.Append(' ');
                i = j - 1;
                continue;
            }

            builder.Append(c is '{' or '}' or '$' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    private static bool ContainsWord(string text, string word)
    {
        var index = 0;
        while ((index = text.IndexOf(word, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = index == 0 || !char.IsLetter(text[index - 1]);
            var after = index + word.Length >= text.Length || !char.IsLetter(text[index + word.Length]);
            if (before && after)
            {
                return true;
            }

            index += word.Length;
        }

        return false;
    }
}
