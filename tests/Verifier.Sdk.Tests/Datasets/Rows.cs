using System.Text.Json;
using Verifier.Contracts;
using Verifier.Sdk.Datasets;

namespace Verifier.Sdk.Tests.Datasets;

internal static class Rows
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A JSON string holding <paramref name="json"/>: how Hugging Face exports keep structured fields.</summary>
    public static string Embedded(string json) => JsonSerializer.Serialize(json);

    public static CodeSpec Spec(string dataset, string json, string language = "python") =>
        DatasetAdapters.Create(dataset, language).ToCodeSpec(Parse(json));

    public static DatasetRowException Rejected(string dataset, string json, string language = "python") =>
        Assert.Throws<DatasetRowException>(() => Spec(dataset, json, language));
}
