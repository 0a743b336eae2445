using System.Buffers.Binary;
using System.Text.Json;
using Verifier.Sandbox.Execution.Transport;

namespace Verifier.Sandbox.Execution;

/// <summary>The supervisor spoke out of turn, sent garbage, or went away: the container is unusable.</summary>
internal sealed class SupervisorException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Length-prefixed JSON frames to and from a container's supervisor, over either transport. One exchange at a time;
/// every read is bounded (the frame size).
/// </summary>
internal sealed class SupervisorChannel : IDisposable
{
    private const int MaxFrameBytes = 256 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ISupervisorTransport _transport;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private byte[] _pending = new byte[64 * 1024];
    private int _pendingLength;
    private bool _broken;
    private int _frames;

    public SupervisorChannel(ISupervisorTransport transport) => _transport = transport;

    public bool Broken => _broken;

    /// <summary>Whether any frame after the ready frame has arrived.</summary>
    public bool HasSpoken => _frames > 1;

    /// <summary>The end of what the supervisor wrote to stderr (a Python traceback if it crashed), where the transport carries it.</summary>
    public string StderrTail => _transport.StderrTail;

    public async Task<SupervisorReply> ExchangeAsync<T>(T message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_broken)
        {
            throw new SupervisorException("the channel to the supervisor is broken");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // A cancelled read may leave half a frame behind: the channel cannot be trusted again.
        using var abort = deadline.Token.Register(static s => ((SupervisorChannel)s!)._broken = true, this);
        try
        {
            await SendAsync(message, deadline.Token).ConfigureAwait(false);
            return await ReceiveAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            throw new SupervisorException($"the supervisor did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is not OperationCanceledException and not SupervisorException)
        {
            _broken = true;
            throw new SupervisorException($"the channel to the supervisor failed: {e.Message}", e);
        }
    }

    /// <summary>Waits for the supervisor's first frame, its announcement that it is ready.</summary>
    public async Task<SupervisorReply> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeFrame(out var reply))
            {
                return reply;
            }

            var read = await _transport.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _broken = true;
                throw new SupervisorException($"the supervisor exited; stderr: {Tail(StderrTail, 500)}");
            }

            Append(read);
        }
    }

    private async Task SendAsync<T>(T message, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var frame = new byte[payload.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame, 4);
        await _transport.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    private void Append(int count)
    {
        if (_pendingLength + count > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + count));
        }

        Array.Copy(_readBuffer, 0, _pending, _pendingLength, count);
        _pendingLength += count;
    }

    private bool TryTakeFrame(out SupervisorReply reply)
    {
        reply = null!;
        if (_pendingLength < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_pending);
        if (length > MaxFrameBytes)
        {
            _broken = true;
            throw new SupervisorException($"the supervisor sent a frame of {length} bytes");
        }

        if (_pendingLength < 4 + length)
        {
            return false;
        }

        try
        {
            reply = JsonSerializer.Deserialize<SupervisorReply>(_pending.AsSpan(4, (int)length), Json)
                ?? throw new SupervisorException("the supervisor sent null");
        }
        catch (JsonException e)
        {
            _broken = true;
            throw new SupervisorException($"the supervisor sent malformed JSON: {e.Message}", e);
        }

        _frames++;
        var consumed = 4 + (int)length;
        Array.Copy(_pending, consumed, _pending, 0, _pendingLength - consumed);
        _pendingLength -= consumed;
        if (reply.Op is "fatal" or "error")
        {
            throw new SupervisorException($"the supervisor failed: {reply.Reason}");
        }

        return true;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    public void Dispose()
    {
        _broken = true;
        _transport.Dispose();
    }
}
