using Verifier.Sandbox.Engine.Oci;

namespace Verifier.Sandbox.Engine;

/// <summary>The engine an endpoint names: <c>oci:///folder</c> the host's runtime driven directly, anything else a Docker engine.</summary>
internal static class ContainerEngines
{
    public static IContainerEngine Create(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OciEndpoint.Is(options.DockerEndpoint) ? new OciEngine(options) : new DockerEngine(options);
    }
}
