using System.Text;

namespace Verifier.Trainer.Tokenization;

/// <summary>
/// Byte-level tokenizer: ids 0..6 are padding, EOS and the four R1 tags; ids 7..262 are the UTF-8 bytes.
/// Needs no vocabulary file, so a from-scratch policy trains without a download.
/// </summary>
public sealed class ByteTokenizer : ITokenizer
{
    private const int ByteOffset = 2 + 4;

    public int VocabSize => ByteOffset + 256;

    public int PadId => 0;

    public int EosId => 1;

    public SpecialTokenIds Tags { get; } = new(2, 3, 4, 5);

    /// <summary>The id of one byte value (e.g. an ASCII character).</summary>
    public static int ByteId(byte value) => ByteOffset + value;

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length);
        foreach (var (piece, tag) in SpecialTokens.Split(text))
        {
            if (tag >= 0)
            {
                ids.Add(2 + tag);
                continue;
            }

            foreach (var b in Encoding.UTF8.GetBytes(piece))
            {
                ids.Add(ByteOffset + b);
            }
        }

        return [.. ids];
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= ByteOffset && id < VocabSize)
            {
                bytes.Add((byte)(id - ByteOffset));
                continue;
            }

            Flush();
            if (id >= 2 && id < ByteOffset)
            {
                text.Append(SpecialTokens.Tags[id - 2]);
            }
            else if (id != PadId && id != EosId)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary of {VocabSize}.");
            }
        }

        Flush();
        return text.ToString();

        void Flush()
        {
            if (bytes.Count > 0)
            {
                text.Append(Encoding.UTF8.GetString([.. bytes]));
                bytes.Clear();
            }
        }
    }
}
