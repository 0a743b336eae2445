using System.Text.Json.Serialization;
using Verifier.Service.Compat.OpenRlhf;
using Verifier.Service.Compat.SandboxFusion;

namespace Verifier.Service.Compat;

/// <summary>The other projects' wire types: their own field names, unknown fields ignored as their servers do.</summary>
[JsonSourceGenerationOptions(MaxDepth = 64, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RunCodeRequest))]
[JsonSerializable(typeof(RunCodeResponse))]
[JsonSerializable(typeof(RewardRequest))]
[JsonSerializable(typeof(RewardResponse))]
[JsonSerializable(typeof(FastApiErrors.ValidationError))]
[JsonSerializable(typeof(FastApiErrors.Message))]
internal sealed partial class CompatJsonContext : JsonSerializerContext;
