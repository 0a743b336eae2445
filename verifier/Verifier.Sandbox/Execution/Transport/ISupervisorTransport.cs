namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// The byte stream between the verifier and one container's supervisor: a Unix socket that bypasses the engine
/// (<see cref="SocketTransport"/>), or the container's attach stream through the engine (<see cref="AttachTransport"/>).
/// The frames on it are <see cref="SupervisorChannel"/>'s business.
/// </summary>
internal interface ISupervisorTransport : IDisposable
{
    /// <summary>Reads what the supervisor sent on its channel into <paramref name="buffer"/>; 0 when it closed the channel.</summary>
    ValueTask<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The end of what the supervisor wrote to stderr, where the transport carries it (for diagnosis only).</summary>
    string StderrTail { get; }
}
