namespace Verifier.Contracts;

public sealed record LanguagesResponse
{
    public required IReadOnlyList<LanguageDescription> Languages { get; init; }
}

public sealed record LanguageDescription
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required IReadOnlyList<string> TestKinds { get; init; }
}
