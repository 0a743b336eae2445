using Microsoft.ML.Tokenizers;

namespace Verifier.Trainer.Tokenization;

/// <summary>
/// A user's BPE vocabulary (vocab.json + merges.txt) through Microsoft.ML.Tokenizers, with padding, EOS and
/// the R1 tags appended after the BPE ids so that the tags are always single tokens whatever the vocabulary
/// does with '&lt;'. The text is not pre-split on whitespace, so spaces survive a round trip; the vocabulary
/// is over plain characters (a byte-level vocabulary that spells a space as 'Ġ' is not supported).
/// </summary>
public sealed class BpeTokenizerAdapter : ITokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly int _baseSize;

    private BpeTokenizerAdapter(BpeTokenizer bpe)
    {
        _bpe = bpe;
        _baseSize = bpe.Vocabulary.Count;
        Tags = new SpecialTokenIds(_baseSize + 2, _baseSize + 3, _baseSize + 4, _baseSize + 5);
    }

    public int VocabSize => _baseSize + 6;

    public int PadId => _baseSize;

    public int EosId => _baseSize + 1;

    public SpecialTokenIds Tags { get; }

    /// <summary>Loads vocab.json and merges.txt.</summary>
    public static BpeTokenizerAdapter Load(string vocabPath, string mergesPath)
    {
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"BPE vocabulary not found: {vocabPath}", vocabPath);
        }

        if (!File.Exists(mergesPath))
        {
            throw new FileNotFoundException($"BPE merges not found: {mergesPath}", mergesPath);
        }

        return new BpeTokenizerAdapter(BpeTokenizer.Create(vocabPath, mergesPath, new WholeText(), null, null, null, null, null, false));
    }

    /// <summary>Hands the whole text to BPE as one piece, so whitespace is kept rather than split away.</summary>
    private sealed class WholeText : PreTokenizer
    {
        public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
            string.IsNullOrEmpty(text) ? [] : [(0, text.Length)];

        public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) =>
            text.IsEmpty ? [] : [(0, text.Length)];
    }

    public int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (var (piece, tag) in SpecialTokens.Split(text))
        {
            if (tag >= 0)
            {
                ids.Add(_baseSize + 2 + tag);
            }
            else
            {
                ids.AddRange(_bpe.EncodeToIds(piece));
            }
        }

        return [.. ids];
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new System.Text.StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (id < _baseSize)
            {
                run.Add(id);
                continue;
            }

            Flush();
            if (id >= _baseSize + 2 && id < VocabSize)
            {
                text.Append(SpecialTokens.Tags[id - _baseSize - 2]);
            }
            else if (id >= VocabSize || id < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary of {VocabSize}.");
            }
        }

        Flush();
        return text.ToString();

        void Flush()
        {
            if (run.Count > 0)
            {
                text.Append(_bpe.Decode(run));
                run.Clear();
            }
        }
    }
}
