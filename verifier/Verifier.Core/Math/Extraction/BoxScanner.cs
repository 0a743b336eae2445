using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Extraction;

/// <summary>Finds \boxed{...} and \fbox{...} answers, brace-balanced, joining boxes written side by side.</summary>
internal static class BoxScanner
{
    private static readonly string[] Commands = ["\\boxed", "\\fbox"];

    /// <summary>
    /// The content of the last box, joined with the boxes just before it when only connectors separate them
    /// ("\boxed{1} and \boxed{2}" gives "1, 2"). Null when there is no box; empty when the last box is empty.
    /// </summary>
    public static string? LastBoxed(string text, CheckBudget budget)
    {
        var boxes = FindBoxes(text, budget);
        if (boxes.Count == 0)
        {
            return null;
        }

        var last = boxes.Count - 1;
        var first = last;
        while (first > 0 && ConnectorGap.IsConnector(text.AsSpan(boxes[first - 1].End, boxes[first].Start - boxes[first - 1].End)))
        {
            first--;
        }

        if (first == last)
        {
            return boxes[last].Content.Trim();
        }

        var parts = new List<string>();
        for (var i = first; i <= last; i++)
        {
            var content = boxes[i].Content.Trim();
            if (content.Length > 0)
            {
                parts.Add(content);
            }
        }

        return string.Join(", ", parts);
    }

    public static bool ContainsBox(string text) =>
        text.Contains("\\boxed", StringComparison.Ordinal) || text.Contains("\\fbox", StringComparison.Ordinal);

    /// <summary>Outermost boxes in order of appearance (a box nested in another belongs to it).</summary>
    private static List<(int Start, int End, string Content)> FindBoxes(string text, CheckBudget budget)
    {
        var boxes = new List<(int Start, int End, string Content)>();
        var position = 0;
        while (position < text.Length)
        {
            budget.Tick();
            var (start, command) = NextCommand(text, position);
            if (start < 0)
            {
                break;
            }

            var afterName = start + command.Length;
            if (afterName < text.Length && char.IsAsciiLetter(text[afterName]))
            {
                position = afterName; // \boxedsomething is another command
                continue;
            }

            var i = afterName;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i < text.Length && text[i] == '{')
            {
                var close = BraceReader.FindClosingBrace(text, i);
                if (close < 0)
                {
                    // An unclosed box runs to the end of the text.
                    boxes.Add((start, text.Length, text[(i + 1)..]));
                    break;
                }

                boxes.Add((start, close + 1, text[(i + 1)..close]));
                position = close + 1;
            }
            else
            {
                // "\boxed 5": the next word.
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '$')
                {
                    end++;
                }

                boxes.Add((start, end, text[i..end]));
                position = System.Math.Max(end, afterName);
            }
        }

        return boxes;
    }

    private static (int Index, string Command) NextCommand(string text, int from)
    {
        var best = -1;
        var bestCommand = string.Empty;
        foreach (var command in Commands)
        {
            var index = text.IndexOf(command, from, StringComparison.Ordinal);
            if (index >= 0 && (best < 0 || index < best))
            {
                best = index;
                bestCommand = command;
            }
        }

        return (best, bestCommand);
    }
}
