using System.Text.Json;
using Verifier.Trainer.Tasks;
using Verifier.Trainer.Tokenization;

namespace Verifier.Trainer.Sft;

/// <summary>One supervised example: the prompt the model is given and the completion it should learn to write.</summary>
public sealed record SftExample(int[] Prompt, int[] Completion);

/// <summary>A line of the data file that was left out, and why.</summary>
public sealed record SkippedLine(int LineNumber, string Reason);

/// <summary>
/// SFT rows from JSONL, one object per line with string fields "prompt" (the full text the model sees, template
/// included: rejection-sample writes it so) and "completion". Extra fields (reward, task_id, ...) are ignored. A
/// malformed line is skipped and reported with its line number rather than failing a long run at line 9,000.
/// </summary>
public sealed class SftDataset(IReadOnlyList<SftExample> examples, IReadOnlyList<SkippedLine> skipped)
{
    public IReadOnlyList<SftExample> Examples { get; } = examples;

    public IReadOnlyList<SkippedLine> Skipped { get; } = skipped;

    public static SftDataset Load(string path, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"SFT data not found: {path}", path);
        }

        var examples = new List<SftExample>();
        var skipped = new List<SkippedLine>();
        foreach (var (lineNumber, line) in JsonlLines.Read(path))
        {
            try
            {
                var (prompt, completion) = Parse(line);
                examples.Add(new SftExample(tokenizer.Encode(prompt), tokenizer.Encode(completion)));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                skipped.Add(new SkippedLine(lineNumber, e.Message));
            }
        }

        return new SftDataset(examples, skipped);
    }

    /// <summary>Reports skipped lines (the first 20 by number, then a count) and the total.</summary>
    public void ReportSkipped(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in Skipped.Take(20))
        {
            output.WriteLine($"warning: {path}:{line.LineNumber}: skipped: {line.Reason}");
        }

        if (Skipped.Count > 20)
        {
            output.WriteLine($"warning: ... and {Skipped.Count - 20} more malformed lines");
        }

        if (Skipped.Count > 0)
        {
            output.WriteLine($"sft: skipped {Skipped.Count} malformed line(s) of {path}; {Examples.Count} examples loaded");
        }
    }

    private static (string Prompt, string Completion) Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        return (Text(root, "prompt"), Text(root, "completion"));
    }

    private static string Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"\"{name}\" must be a string");
        }

        var text = value.GetString()!;
        return text.Length == 0 ? throw new FormatException($"\"{name}\" is empty") : text;
    }
}
