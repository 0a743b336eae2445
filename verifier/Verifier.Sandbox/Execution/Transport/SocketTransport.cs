using System.Net.Sockets;

namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// A connected Unix socket to the supervisor (see <see cref="SupervisorSocketListener"/>): the engine is not on the
/// data path, so a submission costs no engine work once its container runs. The supervisor's stderr is not carried;
/// it reports its own failures as frames.
/// </summary>
internal sealed class SocketTransport(Socket socket) : ISupervisorTransport
{
    public string StderrTail => string.Empty;

    public ValueTask<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken) =>
        socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    public void Dispose() => socket.Dispose();
}
