namespace Verifier.Core.Code;

/// <summary>The code found in a completion, or why there is none.</summary>
public sealed record CodeExtraction(string? Code, string? Reason)
{
    public bool Found => Code is not null;
}

/// <summary>
/// Finds the code a completion submits: the last fenced block tagged with one of the language's tags, inside the
/// last <c>&lt;answer&gt;</c> section when the completion has one (anywhere otherwise). Untagged blocks and blocks
/// of other languages are ignored. A block left open at the end (a truncated completion) runs to the end.
/// </summary>
public static class CodeExtractor
{
    private const string AnswerOpen = "<answer>";
    private const string AnswerClose = "</answer>";

    public static CodeExtraction Extract(string? completion, IReadOnlyCollection<string> fenceTags)
    {
        ArgumentNullException.ThrowIfNull(fenceTags);
        if (string.IsNullOrWhiteSpace(completion))
        {
            return new CodeExtraction(null, "the completion is empty");
        }

        var region = completion;
        var where = "the completion";
        var open = completion.LastIndexOf(AnswerOpen, StringComparison.OrdinalIgnoreCase);
        if (open >= 0)
        {
            var start = open + AnswerOpen.Length;
            var close = completion.IndexOf(AnswerClose, start, StringComparison.OrdinalIgnoreCase);
            region = close >= 0 ? completion[start..close] : completion[start..];
            where = "the <answer> section";
        }

        string? last = null;
        foreach (var block in FencedBlocks(region))
        {
            if (fenceTags.Any(t => string.Equals(t, block.Tag, StringComparison.OrdinalIgnoreCase)))
            {
                last = block.Content;
            }
        }

        if (last is null)
        {
            return new CodeExtraction(null, $"no ```{fenceTags.FirstOrDefault()} block in {where}");
        }

        return string.IsNullOrWhiteSpace(last)
            ? new CodeExtraction(null, $"the last ```{fenceTags.FirstOrDefault()} block in {where} is empty")
            : new CodeExtraction(last, null);
    }

    private readonly record struct FencedBlock(string Tag, string Content);

    private static IEnumerable<FencedBlock> FencedBlocks(string text)
    {
        var lines = text.Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            if (!TryOpenFence(lines[i], out var fenceChar, out var fenceLength, out var indent, out var tag))
            {
                i++;
                continue;
            }

            var content = new List<string>();
            i++;
            while (i < lines.Length && !IsClosingFence(lines[i], fenceChar, fenceLength))
            {
                content.Add(StripIndent(lines[i].TrimEnd('\r'), indent));
                i++;
            }

            i++; // past the closing fence (or the end)
            yield return new FencedBlock(tag, string.Join('\n', content));
        }
    }

    private static bool TryOpenFence(string line, out char fenceChar, out int fenceLength, out int indent, out string tag)
    {
        fenceChar = '\0';
        fenceLength = 0;
        tag = "";
        indent = CountLeading(line, ' ');
        if (indent > 3 || indent >= line.Length || (line[indent] != '`' && line[indent] != '~'))
        {
            return false;
        }

        fenceChar = line[indent];
        fenceLength = CountLeading(line.AsSpan(indent), fenceChar);
        if (fenceLength < 3)
        {
            return false;
        }

        var info = line[(indent + fenceLength)..].Trim();
        if (fenceChar == '`' && info.Contains('`', StringComparison.Ordinal))
        {
            return false; // inline code such as ```x```, not a fence
        }

        var end = info.IndexOfAny([' ', '\t', '{']);
        tag = end < 0 ? info : info[..end];
        return true;
    }

    private static bool IsClosingFence(string line, char fenceChar, int fenceLength)
    {
        var trimmed = line.TrimEnd();
        var indent = CountLeading(trimmed, ' ');
        if (indent > 3)
        {
            return false;
        }

        var run = CountLeading(trimmed.AsSpan(indent), fenceChar);
        return run >= fenceLength && indent + run == trimmed.Length;
    }

    private static string StripIndent(string line, int indent)
    {
        var strip = System.Math.Min(indent, CountLeading(line, ' '));
        return line[strip..];
    }

    private static int CountLeading(ReadOnlySpan<char> text, char c)
    {
        var n = 0;
        while (n < text.Length && text[n] == c)
        {
            n++;
        }

        return n;
    }
}
