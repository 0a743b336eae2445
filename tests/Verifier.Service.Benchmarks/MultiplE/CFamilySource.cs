using System.Text.RegularExpressions;

namespace Verifier.Service.Benchmarks.MultiplE;

/// <summary>
/// Just enough of a lexer for the brace languages (Java, C#, C++, Rust, Go) to cut a function or a class out of a
/// solution: <see cref="Mask"/> blanks comments and string and character literals (same length, newlines kept), so
/// regexes and brace counting on the masked text see only code, at the original text's indices.
/// </summary>
internal static partial class CFamilySource
{
    public static string Mask(string code)
    {
        var masked = code.ToCharArray();
        var i = 0;
        while (i < code.Length)
        {
            var start = i;
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                i = code.IndexOf('\n', i) is var end && end < 0 ? code.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                i = BlockCommentEnd(code, i);
            }
            else if (c == '"' && string.CompareOrdinal(code, i, "\"\"\"", 0, 3) == 0)
            {
                // A Java text block.
                i = code.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal) is var end && end < 0 ? code.Length : end + 3;
            }
            else if (c == '"')
            {
                i = QuotedEnd(code, i, '"');
            }
            else if (c == '`')
            {
                // A Go raw string.
                i = code.IndexOf('`', i + 1) is var end && end < 0 ? code.Length : end + 1;
            }
            else if (c == 'r' && RawRustString().Match(code, i) is { Success: true } raw && (i == 0 || !IsIdentifier(code[i - 1])))
            {
                var close = "\"" + raw.Groups["hashes"].Value;
                i = code.IndexOf(close, raw.Index + raw.Length, StringComparison.Ordinal) is var end && end < 0 ? code.Length : end + close.Length;
            }
            else if (c == '\'' && CharLiteral().Match(code, i) is { Success: true } literal && literal.Index == i)
            {
                i += literal.Length;
            }
            else
            {
                // Code, or a quote that opens no character literal (a Rust lifetime or label).
                i++;
                continue;
            }

            for (var k = start; k < i; k++)
            {
                if (masked[k] != '\n')
                {
                    masked[k] = ' ';
                }
            }
        }

        return new string(masked);
    }

    /// <summary>The index of the brace that closes the one at <paramref name="open"/>, in masked text; -1 if none does.</summary>
    public static int MatchingBrace(string masked, int open)
    {
        var depth = 0;
        for (var i = open; i < masked.Length; i++)
        {
            if (masked[i] == '{')
            {
                depth++;
            }
            else if (masked[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many braces are open just before <paramref name="index"/>, in masked text.</summary>
    public static int DepthAt(string masked, int index)
    {
        var depth = 0;
        for (var i = 0; i < index; i++)
        {
            depth += masked[i] switch { '{' => 1, '}' => -1, _ => 0 };
        }

        return depth;
    }

    /// <summary>
    /// Removes the item (function, method) whose header <paramref name="header"/> matches in masked text at depth
    /// <paramref name="depth"/>: from the start of its first line through its closing brace and the line break after.
    /// Returns null when there is no such item.
    /// </summary>
    public static string? RemoveItem(string code, Regex header, int depth)
    {
        var masked = Mask(code);
        foreach (Match match in header.Matches(masked))
        {
            if (DepthAt(masked, match.Index) != depth)
            {
                continue;
            }

            var open = masked.IndexOf('{', match.Index + match.Length);
            var close = open < 0 ? -1 : MatchingBrace(masked, open);
            if (close < 0)
            {
                return null;
            }

            var from = code.LastIndexOf('\n', match.Index) + 1;
            var to = close + 1 < code.Length && code[close + 1] == '\n' ? close + 2 : close + 1;
            return code[..from] + code[to..];
        }

        return null;
    }

    private static int BlockCommentEnd(string code, int i)
    {
        // Rust's block comments nest; C-family ones do not, but a nested opener inside one is rare enough to ignore.
        var depth = 0;
        while (i < code.Length - 1)
        {
            if (code[i] == '/' && code[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (code[i] == '*' && code[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return code.Length;
    }

    private static int QuotedEnd(string code, int i, char quote)
    {
        for (i++; i < code.Length; i++)
        {
            if (code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == quote || code[i] == '\n')
            {
                return i + 1;
            }
        }

        return code.Length;
    }

    private static bool IsIdentifier(char c) => char.IsLetterOrDigit(c) || c == '_';

    [GeneratedRegex(@"\Gr(?<hashes>#*)""")]
    private static partial Regex RawRustString();

    /// <summary>'x', '\n', '\'', '\u0041', '\u{1F600}', '\x41': not a Rust lifetime ('a) or label.</summary>
    [GeneratedRegex(@"\G'(?:\\u\{[0-9A-Fa-f]+\}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\[0-7]{1,3}|\\.|[^\\'\n])'")]
    private static partial Regex CharLiteral();
}
