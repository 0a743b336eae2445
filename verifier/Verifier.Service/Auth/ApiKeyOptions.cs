namespace Verifier.Service.Auth;

/// <summary>
/// Where API keys come from. Development: <c>VERIFIER_API_KEYS</c> (comma-separated plain keys, tenant
/// "default", or <c>tenant:key</c> pairs). Production: <see cref="KeyFile"/>, a JSON file of SHA-256 key
/// hashes with tenant names, so the service never holds a usable key at rest.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    /// <summary>Path of a file like <c>{"keys": [{"tenant": "team-a", "sha256": "hex"}]}</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Plain keys, normally from the VERIFIER_API_KEYS environment variable.</summary>
    public string? Keys { get; set; }
}
