using System.Text.Json;

namespace Verifier.Cli.Grading;

/// <summary>Turns one non-blank line into a row, or says why it cannot.</summary>
internal delegate bool LineParser<TRow>(string text, long line, out TRow row, out string error);

/// <summary>
/// Reads rows from JSONL. A bad line is reported with its line number and skipped, never dropped silently; blank
/// lines are ignored.
/// </summary>
internal class JsonlReader<TRow>(TextReader reader, LineParser<TRow> parse, Action<long, string> reportBadLine)
{
    /// <summary>Longest line accepted; a completion longer than this is almost certainly a broken file.</summary>
    public const int MaxLineChars = 16 * 1024 * 1024;

    private long _line;

    public long LinesRead => _line;

    public async Task<List<TRow>> ReadBatchAsync(int max, CancellationToken cancellationToken)
    {
        var batch = new List<TRow>(max);
        while (batch.Count < max)
        {
            var text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                break;
            }

            _line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (text.Length > MaxLineChars)
            {
                reportBadLine(_line, $"line is longer than {MaxLineChars} characters");
            }
            else if (parse(text, _line, out var row, out var error))
            {
                batch.Add(row);
            }
            else
            {
                reportBadLine(_line, error);
            }
        }

        return batch;
    }
}

/// <summary><c>grade</c>'s rows: <c>{"gold", "completion", "id"?}</c> and the optional fields of <see cref="MathRowOptions"/>.</summary>
internal sealed class JsonlReader(TextReader reader, Action<long, string> reportBadLine)
    : JsonlReader<GradeRow>(reader, TryParse, reportBadLine)
{

    /// <summary>One line of <c>grade</c>'s input; the reader has already bounded its length.</summary>
    internal static bool TryParse(string text, long line, out GradeRow row, out string error) =>
        TryParseObject(text, (JsonElement root, out GradeRow parsed, out string problem) =>
        {
            parsed = null!;
            if (!TryGetText(root, "gold", out var gold, out problem) || !TryGetText(root, "completion", out var completion, out problem))
            {
                return false;
            }

            JsonElement? id = null;
            if (root.TryGetProperty("id", out var idValue) && idValue.ValueKind != JsonValueKind.Null)
            {
                if (idValue.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    problem = "'id' must be a string or a number";
                    return false;
                }

                id = idValue.Clone();
            }

            if (!MathRowOptionsReader.TryRead(root, out var math, out problem))
            {
                return false;
            }

            parsed = new GradeRow(line, id, gold, completion, math);
            return true;
        }, out row, out error);

    /// <summary>Reads a row from a line's JSON object.</summary>
    internal delegate bool ObjectReader<T>(JsonElement root, out T row, out string error);

    /// <summary>Parses a line as a JSON object (nesting bounded) and reads a row from it: malformed JSON, or a value that is not an object, is the line's error.</summary>
    internal static bool TryParseObject<T>(string text, ObjectReader<T> read, out T row, out string error)
    {
        ArgumentNullException.ThrowIfNull(read);
        row = default!;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "expected a JSON object";
                return false;
            }

            return read(document.RootElement, out row, out error);
        }
        catch (JsonException e)
        {
            error = $"invalid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>Accepts strings, and numbers as their literal text (a gold of <c>42</c> is common in JSONL).</summary>
    internal static bool TryGetText(JsonElement root, string name, out string value, out string error)
    {
        value = "";
        error = "";
        if (!root.TryGetProperty(name, out var element))
        {
            error = $"missing '{name}'";
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString()!;
                return true;
            case JsonValueKind.Number:
                value = element.GetRawText();
                return true;
            default:
                error = $"'{name}' must be a string";
                return false;
        }
    }
}
