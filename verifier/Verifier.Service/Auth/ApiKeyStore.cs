using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Verifier.Service.Auth;

/// <summary>
/// Holds SHA-256 hashes of the accepted keys. A presented key is hashed and compared against every stored
/// hash with <see cref="CryptographicOperations.FixedTimeEquals"/>, without stopping at the first match, so
/// neither the key nor which tenant owns it leaks through timing.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Hash, string Tenant)[] _keys;

    public ApiKeyStore(IOptions<ApiKeyOptions> options)
        : this(Load(options?.Value ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    private ApiKeyStore((byte[] Hash, string Tenant)[] keys) => _keys = keys;

    public int Count => _keys.Length;

    /// <summary>Reads every configured key; a broken key file throws with a message that names the entry.</summary>
    internal static (byte[] Hash, string Tenant)[] Load(ApiKeyOptions options) =>
        [.. LoadPlainKeys(options.Keys), .. LoadKeyFile(options.KeyFile)];

    public string? FindTenant(ReadOnlySpan<char> presentedKey)
    {
        if (presentedKey.IsEmpty)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var utf8 = Encoding.UTF8.GetBytes(presentedKey.ToArray());
        SHA256.HashData(utf8, hash);

        string? tenant = null;
        foreach (var (stored, owner) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, hash))
            {
                tenant ??= owner;
            }
        }

        return tenant;
    }

    public static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static IEnumerable<(byte[], string)> LoadPlainKeys(string? keys)
    {
        if (string.IsNullOrWhiteSpace(keys))
        {
            yield break;
        }

        foreach (var entry in keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var (tenant, key) = colon > 0 ? (entry[..colon], entry[(colon + 1)..]) : ("default", entry);
            if (key.Length == 0)
            {
                throw new InvalidOperationException("VERIFIER_API_KEYS holds an empty key");
            }

            yield return (SHA256.HashData(Encoding.UTF8.GetBytes(key)), tenant);
        }
    }

    private static IEnumerable<(byte[], string)> LoadKeyFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            yield break;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Auth:KeyFile '{path}' does not exist");
        }

        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), AuthJsonContext.Default.KeyFile);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Auth:KeyFile '{path}' is not valid JSON: {e.Message}", e);
        }

        var index = 0;
        foreach (var entry in file?.Keys ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry.Tenant))
            {
                throw new InvalidOperationException($"Auth:KeyFile '{path}': keys[{index}].tenant is required");
            }

            if (entry.Sha256 is not { Length: SHA256.HashSizeInBytes * 2 } hex || !IsHex(hex))
            {
                throw new InvalidOperationException($"Auth:KeyFile '{path}': keys[{index}].sha256 must be 64 hex digits");
            }

            index++;
            yield return (Convert.FromHexString(hex), entry.Tenant);
        }
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);
}
