namespace Verifier.Core.Math.Extraction;

/// <summary>Brace matching on raw text, iterative so that deep nesting costs time, not stack.</summary>
internal static class BraceReader
{
    /// <summary>
    /// Index of the '}' closing the '{' at <paramref name="open"/> (escaped braces do not count), or -1 when the
    /// text ends first.
    /// </summary>
    public static int FindClosingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    // \{ and \} are literal braces; "\\" is a line break and escapes nothing after it.
                    if (i + 1 < text.Length && text[i + 1] is '{' or '}' or '\\')
                    {
                        i++;
                    }

                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }
}
