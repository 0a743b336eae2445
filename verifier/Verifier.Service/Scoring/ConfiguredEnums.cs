namespace Verifier.Service.Scoring;

/// <summary>
/// Checks enum settings as written in configuration. The binder silently drops a collection element it cannot
/// convert, so a misspelled value would not fail validation of the bound options: it would just be missing.
/// </summary>
internal static class ConfiguredEnums
{
    /// <summary>One failure per child of <paramref name="path"/> whose value is not a name (or number) of <typeparamref name="TEnum"/>.</summary>
    public static IEnumerable<string> Misspelled<TEnum>(IConfiguration configuration, string path, string what)
        where TEnum : struct, Enum
    {
        foreach (var configured in configuration.GetSection(path).GetChildren())
        {
            if (!Enum.TryParse<TEnum>(configured.Value, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            {
                yield return $"{configured.Path}: '{configured.Value}' is not {what} ({string.Join(", ", Enum.GetNames<TEnum>())})";
            }
        }
    }
}
