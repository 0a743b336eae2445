using System.Buffers.Binary;
using System.Text;
using Verifier.Sdk.Datasets;

namespace Verifier.Sdk.Tests.Datasets;

public class PickledStringTests
{
    [Fact]
    public void Decode_Protocol4ShortString_InAFrame()
    {
        // pickle.dumps("héllo", protocol=4): PROTO 4, FRAME, SHORT_BINUNICODE, MEMOIZE, STOP.
        Assert.Equal("héllo", PickledString.Decode(Pickles.Str("héllo")));
    }

    [Fact]
    public void Decode_LongString_AsBinUnicode_WithoutAFrame()
    {
        // Past 64 KiB Python writes the string unframed, with a 4-byte length.
        var text = new string('x', 70_000);
        byte[] pickle = [0x80, 5, (byte)'X', .. Le32(70_000), .. Encoding.UTF8.GetBytes(text), 0x94, (byte)'.'];

        Assert.Equal(text, PickledString.Decode(pickle));
    }

    [Fact]
    public void Decode_BinUnicode8()
    {
        byte[] pickle = [0x80, 4, 0x8d, .. Le64(2), (byte)'o', (byte)'k', (byte)'.'];

        Assert.Equal("ok", PickledString.Decode(pickle));
    }

    public static TheoryData<string, byte[]> Refused() => new()
    {
        // os.system("id"): GLOBAL 'os system', the argument, TUPLE1, REDUCE. A general unpickler runs it.
        { "GLOBAL + REDUCE", [0x80, 4, (byte)'c', .. Encoding.ASCII.GetBytes("os\nsystem\n"), 0x8c, 2, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.'] },
        // The same through STACK_GLOBAL, after a string that looks like the expected one.
        { "string then STACK_GLOBAL", [0x80, 4, 0x8c, 2, (byte)'o', (byte)'s', 0x94, 0x8c, 6, .. Encoding.ASCII.GetBytes("system"), 0x94, 0x93, (byte)'.'] },
        { "string then REDUCE", [0x80, 4, 0x8c, 2, (byte)'i', (byte)'d', (byte)'R', (byte)'.'] },
        { "protocol 2", [0x80, 2, 0x8c, 1, (byte)'a', (byte)'.'] },
        { "no protocol", [0x8c, 1, (byte)'a', (byte)'.'] },
        { "bytes after STOP", [0x80, 4, 0x8c, 1, (byte)'a', (byte)'.', (byte)'.'] },
        { "no STOP", [0x80, 4, 0x8c, 1, (byte)'a'] },
        { "length past the end", [0x80, 4, 0x8c, 9, (byte)'a', (byte)'.'] },
        { "frame past the end", [0x80, 4, 0x95, .. Le64(1000), 0x8c, 1, (byte)'a', (byte)'.'] },
        { "invalid UTF-8", [0x80, 4, 0x8c, 1, 0xff, (byte)'.'] },
        { "an int, not a str", [0x80, 4, (byte)'K', 7, (byte)'.'] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Decode_AnythingButOneString_IsRefused(string what, byte[] pickle)
    {
        Assert.Throws<InvalidDataException>(() => PickledString.Decode(pickle));
        Assert.NotEmpty(what);
    }

    internal static byte[] Le32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    internal static byte[] Le64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}

/// <summary>Pickles built by hand, byte for byte as Python 3.11's <c>pickle.dumps(s, protocol=4)</c> writes a short str.</summary>
internal static class Pickles
{
    public static byte[] Str(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (utf8.Length > 255)
        {
            return [0x80, 4, 0x95, .. PickledStringTests.Le64((ulong)utf8.Length + 7), (byte)'X', .. PickledStringTests.Le32((uint)utf8.Length), .. utf8, 0x94, (byte)'.'];
        }

        return [0x80, 4, 0x95, .. PickledStringTests.Le64((ulong)utf8.Length + 4), 0x8c, (byte)utf8.Length, .. utf8, 0x94, (byte)'.'];
    }
}
