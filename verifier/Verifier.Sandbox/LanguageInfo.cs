namespace Verifier.Sandbox;

/// <summary>A language the sandbox runs, for <c>GET /v1/languages</c>.</summary>
/// <param name="TestKinds">Wire names: <c>io</c>, <c>function</c>, <c>assert</c>.</param>
public sealed record LanguageInfo(string Name, string Version, IReadOnlyList<string> TestKinds, string Image);
