using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Verifier.Cli.CodeGrading;

namespace Verifier.Cli.Grading;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GradeResult))]
[JsonSerializable(typeof(CodeGradeResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Output lines keep LaTeX and tags readable (<c>\frac</c>, <c>&lt;answer&gt;</c>, <c>+</c>) instead of
    /// \u-escaping them: the file is data for people and tools, never embedded in HTML.
    /// </summary>
    public static JsonTypeInfo<GradeResult> Row { get; } = Create<GradeResult>();

    /// <summary><c>grade-code</c>'s output lines, written the same way.</summary>
    public static JsonTypeInfo<CodeGradeResult> CodeRow { get; } = Create<CodeGradeResult>();

    private static JsonTypeInfo<T> Create<T>()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new CliJsonContext(),
        };
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
