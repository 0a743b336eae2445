using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Verifier.Cli.Grading;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GradeResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Output lines keep LaTeX and tags readable (<c>\frac</c>, <c>&lt;answer&gt;</c>, <c>+</c>) instead of
    /// \u-escaping them: the file is data for people and tools, never embedded in HTML.
    /// </summary>
    public static JsonTypeInfo<GradeResult> Row { get; } = CreateRow();

    private static JsonTypeInfo<GradeResult> CreateRow()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new CliJsonContext(),
        };
        return (JsonTypeInfo<GradeResult>)options.GetTypeInfo(typeof(GradeResult));
    }
}
