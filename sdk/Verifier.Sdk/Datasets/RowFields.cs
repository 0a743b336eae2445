using System.Text.Json;

namespace Verifier.Sdk.Datasets;

/// <summary>Reading a row's fields, every failure a <see cref="DatasetRowException"/> that names the field.</summary>
internal static class RowFields
{
    private static readonly JsonDocumentOptions Nested = new() { MaxDepth = 64 };

    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement row, string field)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetRowException("row", "expected a JSON object");
        }

        return row.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public static JsonElement Required(JsonElement row, string field) =>
        Optional(row, field) ?? throw new DatasetRowException(field, "missing");

    /// <summary>A field of a nested object; <paramref name="path"/> names it in errors (<c>public_tests.output</c>).</summary>
    public static JsonElement Required(JsonElement parent, string field, string path) =>
        Optional(parent, field) ?? throw new DatasetRowException(path, "missing");

    /// <summary>A string field that must hold something other than whitespace.</summary>
    public static string RequiredText(JsonElement row, string field)
    {
        var value = Required(row, field);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new DatasetRowException(field, value.ValueKind == JsonValueKind.String ? "empty" : "expected a string");
    }

    public static string? OptionalText(JsonElement row, string field) =>
        Optional(row, field) is { ValueKind: JsonValueKind.String } value && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    /// <summary>
    /// Hugging Face exports keep structured fields as JSON text (<c>input_output</c>, <c>public_test_cases</c>), other
    /// exports as the structure itself: both are accepted.
    /// </summary>
    public static JsonElement ParseEmbedded(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DatasetRowException(field, "empty");
        }

        try
        {
            using var document = JsonDocument.Parse(text, Nested);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DatasetRowException(field, $"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>A list field's items; <paramref name="field"/> names it in errors (<c>input_output.inputs</c>).</summary>
    public static IReadOnlyList<JsonElement> Array(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new DatasetRowException(field, "expected a list");

    /// <summary>
    /// Program text: a string, or a list of lines (some APPS and TACO rows), joined by newlines with a final one.
    /// </summary>
    public static string Text(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Array when value.EnumerateArray().All(line => line.ValueKind == JsonValueKind.String):
                var lines = value.EnumerateArray().Select(line => line.GetString()!).ToList();
                return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
            default:
                throw new DatasetRowException(field, "expected text (a string or a list of lines)");
        }
    }
}
