using System.Text;
using Docker.DotNet;

namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// The container's attached stdin/stdout/stderr: every byte passes through the engine and its shim. Works against a
/// remote engine, where no socket of ours can reach the container.
/// </summary>
internal sealed class AttachTransport(MultiplexedStream stream) : ISupervisorTransport
{
    private const int StderrTailChars = 4096;

    private readonly StringBuilder _stderr = new();

    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async ValueTask<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                return 0;
            }

            if (read.Target == MultiplexedStream.TargetStream.StandardOut)
            {
                return read.Count;
            }

            // Bounded: only a short tail of the supervisor's stderr (a Python traceback if it crashed) is kept.
            lock (_stderr)
            {
                _stderr.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                if (_stderr.Length > StderrTailChars)
                {
                    _stderr.Remove(0, _stderr.Length - StderrTailChars);
                }
            }
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // MultiplexedStream takes arrays; frames are built as whole arrays, so this does not copy.
        var segment = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var array) ? array : new ArraySegment<byte>(data.ToArray());
        await stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => stream.Dispose();
}
