namespace Verifier.Sandbox;

/// <summary>The channel between the verifier and a container's supervisor (<see cref="SandboxOptions.Channel"/>).</summary>
public enum SupervisorTransportKind
{
    /// <summary>Socket when the engine is on this host (unix://), else Attach.</summary>
    Auto,

    /// <summary>A Unix socket mounted into the container: the engine is off the data path.</summary>
    Socket,

    /// <summary>The container's attach stream through the engine: works with a remote engine.</summary>
    Attach,
}
