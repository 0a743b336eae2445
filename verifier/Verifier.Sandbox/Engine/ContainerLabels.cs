namespace Verifier.Sandbox.Engine;

/// <summary>Labels on every sandbox container: they find a crashed predecessor's containers, and nothing else.</summary>
internal static class ContainerLabels
{
    public const string Managed = "io.verifier.sandbox";
    public const string Instance = "io.verifier.sandbox.instance";
    public const string Language = "io.verifier.sandbox.language";
    public const string Created = "io.verifier.sandbox.created";
}
