using System.Buffers.Binary;
using System.Text.Json;
using System.Threading.Channels;

namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>
/// The container's end of an attached stream, in memory: frames the fake supervisor says are what the pool's
/// <c>SupervisorChannel</c> reads (length-prefixed camelCase JSON, as the real supervisor writes them); what the pool
/// sends is counted. A read with nothing to read waits, and honours cancellation, as a socket does.
/// </summary>
internal sealed class FakeSupervisorStream : Stream
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly Channel<byte[]> _said = Channel.CreateUnbounded<byte[]>();
    private byte[] _current = [];
    private int _offset;
    private long _heard;

    /// <summary>Bytes the pool wrote to the supervisor.</summary>
    public long BytesHeard => Interlocked.Read(ref _heard);

    public void SayReady() => Say(new { Op = "ready", Protocol = 1 });

    public void Say(object frame)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(frame, Json);
        var bytes = new byte[payload.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)payload.Length);
        payload.CopyTo(bytes, 4);
        _said.Writer.TryWrite(bytes);
    }

    /// <summary>The supervisor exits: the pool reads the end of the stream once it has read what was said before.</summary>
    public void Exit() => _said.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _current.Length)
        {
            if (_said.Reader.TryRead(out var next))
            {
                (_current, _offset) = (next, 0);
            }
            else if (!await _said.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Add(ref _heard, buffer.Length);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the channel reads asynchronously");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the channel writes asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _said.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
