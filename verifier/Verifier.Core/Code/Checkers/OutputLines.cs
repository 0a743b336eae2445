namespace Verifier.Core.Code.Checkers;

/// <summary>The line and token splitting that every checker shares, so that they agree on what a line is.</summary>
internal static class OutputLines
{
    /// <summary>Lines without trailing whitespace (a <c>\r</c> included), and without the trailing blank lines.</summary>
    public static List<string> Significant(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    public static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public static string Excerpt(string text, int length = 60) => text.Length <= length ? text : text[..length] + "...";
}
