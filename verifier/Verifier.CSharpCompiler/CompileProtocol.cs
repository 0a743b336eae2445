using System.Buffers.Binary;
using System.Text;

namespace Verifier.CSharpCompiler;

/// <summary>What a submission is compiled as: the test kind decides which assemblies it becomes.</summary>
internal enum CompileKind
{
    /// <summary>A program (<c>main.dll</c>).</summary>
    Io,

    /// <summary>A library the harness calls (<c>Submission.dll</c>).</summary>
    Function,

    /// <summary>A library and the tests compiled against it (<c>Submission.dll</c>, <c>Tests.dll</c>).</summary>
    Assert,
}

/// <summary>One submission to compile. <paramref name="TestsCode"/> and <paramref name="EntryPoint"/> are for <c>assert</c>.</summary>
internal sealed record CompileRequest(CompileKind Kind, string Code, string TestsCode, string EntryPoint, int MaxAssemblyKb)
{
    /// <summary>The task's own sources (a request's extra <c>.cs</c> files), compiled into the submission's assembly for <c>io</c> and <c>function</c>.</summary>
    public IReadOnlyList<CSharpSource> ExtraSources { get; init; } = [];
}

/// <summary>The assemblies by file name, or the compile error.</summary>
internal sealed record CompileReply(IReadOnlyDictionary<string, byte[]>? Assemblies, string? Error);

/// <summary>
/// The worker's wire format on its stdin and stdout: one request frame, then one reply frame, each a 4-byte length
/// and a <see cref="BinaryWriter"/> payload; the worker announces with <see cref="Ready"/> that Roslyn is warm. The
/// verifier is the only peer. A reply cut short means the worker died, which the verifier reports as a compile error
/// of that source; the length lets the verifier read a reply asynchronously and stop waiting at the deadline.
/// </summary>
internal static class CompileProtocol
{
    public const byte Ready = (byte)'R';

    /// <summary>Far above two assemblies at the largest allowed size: a longer frame is a broken channel.</summary>
    private const int MaxFrameBytes = 1 << 30;

    public static byte[] Encode(CompileRequest request) => Encode(writer =>
    {
        writer.Write((byte)request.Kind);
        writer.Write(request.Code);
        writer.Write(request.TestsCode);
        writer.Write(request.EntryPoint);
        writer.Write(request.MaxAssemblyKb);
        writer.Write(request.ExtraSources.Count);
        foreach (var source in request.ExtraSources)
        {
            writer.Write(source.Path);
            writer.Write(source.Text);
        }
    });

    public static CompileRequest DecodeRequest(byte[] frame)
    {
        using var reader = new BinaryReader(new MemoryStream(frame), Encoding.UTF8);
        var request = new CompileRequest((CompileKind)reader.ReadByte(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt32());
        var extra = new CSharpSource[reader.ReadInt32()];
        for (var i = 0; i < extra.Length; i++)
        {
            extra[i] = new CSharpSource(reader.ReadString(), reader.ReadString());
        }

        return request with { ExtraSources = extra };
    }

    public static byte[] Encode(CompileReply reply) => Encode(writer =>
    {
        writer.Write(reply.Error is null);
        if (reply.Error is not null)
        {
            writer.Write(reply.Error);
            return;
        }

        writer.Write(reply.Assemblies!.Count);
        foreach (var (name, image) in reply.Assemblies)
        {
            writer.Write(name);
            writer.Write(image.Length);
            writer.Write(image);
        }
    });

    public static CompileReply DecodeReply(byte[] frame)
    {
        using var reader = new BinaryReader(new MemoryStream(frame), Encoding.UTF8);
        if (!reader.ReadBoolean())
        {
            return new CompileReply(null, reader.ReadString());
        }

        var count = reader.ReadInt32();
        var assemblies = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            assemblies[name] = reader.ReadBytes(reader.ReadInt32());
        }

        return new CompileReply(assemblies, null);
    }

    public static void WriteFrame(Stream stream, byte[] payload)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        stream.Write(length);
        stream.Write(payload);
        stream.Flush();
    }

    public static async Task WriteFrameAsync(Stream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        await stream.WriteAsync(length, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next frame; <see cref="EndOfStreamException"/> when the peer is gone.</summary>
    public static byte[] ReadFrame(Stream stream)
    {
        Span<byte> length = stackalloc byte[4];
        stream.ReadExactly(length);
        var payload = new byte[CheckedLength(BinaryPrimitives.ReadInt32LittleEndian(length))];
        stream.ReadExactly(payload);
        return payload;
    }

    /// <inheritdoc cref="ReadFrame"/>
    public static async Task<byte[]> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = new byte[4];
        await stream.ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        var payload = new byte[CheckedLength(BinaryPrimitives.ReadInt32LittleEndian(length))];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return payload;
    }

    private static int CheckedLength(int length) =>
        length is >= 0 and <= MaxFrameBytes ? length : throw new InvalidDataException($"a frame of {length} bytes");

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
