using System.Text.Json;
using Verifier.Contracts;
using Verifier.Sdk.Datasets;

namespace Verifier.Cli.CodeGrading;

/// <summary>
/// One input line to one code item: the row's adapter builds the tests from the row, and the completion field
/// becomes the item's completion, never part of its tests.
/// </summary>
internal sealed class CodeRowParser(IDatasetAdapter adapter, string completionField)
{
    /// <summary>Where an id is looked for, in order: ours, then the datasets' own.</summary>
    private static readonly string[] IdFields = ["id", "task_id", "problem_id", "question_id", "name"];

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public bool TryParse(string text, long line, out CodeRow row, out string error)
    {
        row = null!;
        error = "";
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "expected a JSON object";
                return false;
            }

            if (!root.TryGetProperty(completionField, out var completion) || completion.ValueKind != JsonValueKind.String)
            {
                error = completion.ValueKind == JsonValueKind.Undefined ? $"missing '{completionField}'" : $"'{completionField}' must be a string";
                return false;
            }

            var spec = adapter.ToCodeSpec(root);
            var item = new VerifyItem { Completion = completion.GetString()!, Code = spec };
            row = new CodeRow(line, Id(root), item);
            return true;
        }
        catch (JsonException e)
        {
            error = $"invalid JSON: {e.Message}";
            return false;
        }
        catch (DatasetRowException e)
        {
            error = $"not a {adapter.Name} row: {e.Message}";
            return false;
        }
    }

    private static JsonElement? Id(JsonElement root)
    {
        foreach (var field in IdFields)
        {
            if (root.TryGetProperty(field, out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                return id.Clone();
            }
        }

        return null;
    }
}
