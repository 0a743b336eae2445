using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Contracts;

/// <summary>
/// Source-generated serialization for every wire type, so neither the service nor the SDK uses reflection on
/// the hot path. Property names are camelCase; nulls in results are written, because null means "unknown".
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    AllowTrailingCommas = false,
    MaxDepth = 64,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(LanguagesResponse))]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunResponse))]
public sealed partial class VerifierJsonContext : JsonSerializerContext;
