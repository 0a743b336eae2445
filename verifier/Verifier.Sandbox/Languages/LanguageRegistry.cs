using Microsoft.Extensions.Options;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Languages;

/// <summary>A language with the settings it runs under.</summary>
internal sealed record RegisteredLanguage(ISandboxLanguage Language, string Image, int WarmContainers, string Version)
{
    public string Name => Language.Name;
}

/// <summary>The enabled languages, from every registered <see cref="ISandboxLanguage"/> and the per-language options.</summary>
internal sealed class LanguageRegistry
{
    private readonly Dictionary<string, RegisteredLanguage> _languages = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each language's fence tags as other names for it (<c>js</c>, <c>golang</c>, <c>rs</c>), where no name is taken.</summary>
    private readonly Dictionary<string, RegisteredLanguage> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public LanguageRegistry(IEnumerable<ISandboxLanguage> languages, IOptions<SandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in languages)
        {
            if (!known.Add(language.Name))
            {
                throw new InvalidOperationException($"two sandbox languages are named '{language.Name}'");
            }

            settings.Languages.TryGetValue(language.Name, out var configured);
            if (configured is { Enabled: false })
            {
                continue;
            }

            var image = string.IsNullOrWhiteSpace(configured?.Image) ? language.DefaultImage : configured.Image;
            var version = string.IsNullOrWhiteSpace(configured?.Version) ? language.Version : configured.Version;
            _languages[language.Name] = new RegisteredLanguage(language, image, configured?.WarmContainers ?? (language.WarmByDefault ? settings.WarmContainers : 0), version);
        }

        var unknown = settings.Languages.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(
                SandboxOptions.Section, typeof(SandboxOptions), [$"Sandbox:Languages names unknown languages: {string.Join(", ", unknown)}"]);
        }

        foreach (var language in _languages.Values)
        {
            foreach (var tag in language.Language.FenceTags.Where(tag => !_languages.ContainsKey(tag)))
            {
                _aliases.TryAdd(tag, language);
            }
        }

        All = [.. _languages.Values.OrderBy(l => l.Name, StringComparer.Ordinal)];
        Infos = [.. All.Select(l => new LanguageInfo(
            l.Name, l.Version, [.. l.Language.TestKinds.Order().Select(k => k.ToWireName())], l.Image) { ReservedPaths = l.Language.ReservedPaths })];
    }

    public IReadOnlyList<RegisteredLanguage> All { get; }

    public IReadOnlyList<LanguageInfo> Infos { get; }

    public bool TryGet(string name, out RegisteredLanguage language) =>
        _languages.TryGetValue(name, out language!) || _aliases.TryGetValue(name, out language!);
}
