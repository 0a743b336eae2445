using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Cli.Grading;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GradeResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
