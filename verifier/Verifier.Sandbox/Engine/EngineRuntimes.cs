namespace Verifier.Sandbox.Engine;

/// <summary>What the engine's info says about its OCI runtimes: the names registered, and the one it uses by default.</summary>
internal sealed record EngineRuntimes(IReadOnlyCollection<string> Names, string Default)
{
    public bool Has(string name) => Names.Contains(name, StringComparer.Ordinal);
}
