using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Service.Auth;

public sealed record KeyFile(IReadOnlyList<KeyFileEntry>? Keys);

public sealed record KeyFileEntry(string? Tenant, string? Sha256);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(KeyFile))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
