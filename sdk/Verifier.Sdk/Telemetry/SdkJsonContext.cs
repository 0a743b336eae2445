using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Sdk.Telemetry;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemDetailsPayload))]
internal sealed partial class SdkJsonContext : JsonSerializerContext;
