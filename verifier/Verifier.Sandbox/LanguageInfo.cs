namespace Verifier.Sandbox;

/// <summary>A language the sandbox runs, for <c>GET /v1/languages</c>.</summary>
/// <param name="TestKinds">Wire names: <c>io</c>, <c>function</c>, <c>assert</c>.</param>
public sealed record LanguageInfo(string Name, string Version, IReadOnlyList<string> TestKinds, string Image)
{
    /// <summary>The paths a request's extra files may not take (<see cref="Languages.ISandboxLanguage.ReservedPaths"/>).</summary>
    public IReadOnlySet<string> ReservedPaths { get; init; } = new HashSet<string>();
}
