using System.Buffers.Binary;
using System.Text;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// Reads the one pickle form LiveCodeBench stores: <c>pickle.dumps(a_str)</c> at protocol 4 or 5, that is
/// <c>PROTO</c>, optional <c>FRAME</c>s, one <c>SHORT_BINUNICODE</c>, <c>BINUNICODE</c> or <c>BINUNICODE8</c>, an
/// optional <c>MEMOIZE</c>, and <c>STOP</c>. Anything else (any other opcode, trailing bytes, invalid UTF-8) is refused:
/// a general unpickler runs whatever a pickle names (<c>GLOBAL</c> + <c>REDUCE</c> is <c>os.system(...)</c>), and a
/// dataset file is not trusted code.
/// </summary>
internal static class PickledString
{
    private const byte Proto = 0x80;
    private const byte Frame = 0x95;
    private const byte ShortBinUnicode = 0x8c;
    private const byte BinUnicode = (byte)'X';
    private const byte BinUnicode8 = 0x8d;
    private const byte Memoize = 0x94;
    private const byte Stop = (byte)'.';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The pickled string; <see cref="InvalidDataException"/> for any other pickle.</summary>
    public static string Decode(ReadOnlySpan<byte> pickle)
    {
        if (pickle.Length < 2 || pickle[0] != Proto || pickle[1] is not (4 or 5))
        {
            throw new InvalidDataException("not a protocol 4 or 5 pickle");
        }

        var at = SkipFrames(pickle, 2);
        if (at >= pickle.Length)
        {
            throw new InvalidDataException("the pickle ends before its string");
        }

        var opcode = pickle[at++];
        var lengthBytes = opcode switch
        {
            ShortBinUnicode => 1,
            BinUnicode => 4,
            BinUnicode8 => 8,
            _ => throw new InvalidDataException($"opcode 0x{opcode:x2} at byte {at - 1}: only a pickled str is accepted"),
        };
        if (pickle.Length - at < lengthBytes)
        {
            throw new InvalidDataException("the pickle ends inside its string's length");
        }

        var length = lengthBytes switch
        {
            1 => pickle[at],
            4 => BinaryPrimitives.ReadUInt32LittleEndian(pickle[at..]),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(pickle[at..]),
        };
        at += lengthBytes;
        if (length > (ulong)(pickle.Length - at))
        {
            throw new InvalidDataException("the pickle ends inside its string");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(pickle.Slice(at, (int)length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("the pickled string is not valid UTF-8", e);
        }

        at = SkipFrames(pickle, at + (int)length);
        if (at < pickle.Length && pickle[at] == Memoize)
        {
            at = SkipFrames(pickle, at + 1);
        }

        if (at != pickle.Length - 1 || pickle[at] != Stop)
        {
            throw new InvalidDataException(at < pickle.Length
                ? $"opcode 0x{pickle[at]:x2} at byte {at}: only a pickled str is accepted"
                : "the pickle has no STOP");
        }

        return text;
    }

    /// <summary>Frames only say how the bytes were buffered, never what they mean: each is checked for length and passed.</summary>
    private static int SkipFrames(ReadOnlySpan<byte> pickle, int at)
    {
        while (at < pickle.Length && pickle[at] == Frame)
        {
            if (pickle.Length - at < 9 || BinaryPrimitives.ReadUInt64LittleEndian(pickle[(at + 1)..]) > (ulong)(pickle.Length - at - 9))
            {
                throw new InvalidDataException("a frame longer than the pickle");
            }

            at += 9;
        }

        return at;
    }
}
