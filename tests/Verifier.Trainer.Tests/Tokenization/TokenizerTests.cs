using System.Text.Json;
using Verifier.Trainer.Tokenization;

namespace Verifier.Trainer.Tests.Tokenization;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("<think>2 + 3 = 5</think> <answer>5</answer>")]
    [InlineData("plain text, ünïcödé and 数学 ∑")]
    [InlineData("<thin> is not a tag, </answer> is")]
    [InlineData("")]
    public void ByteTokenizer_RoundTrips(string text)
    {
        var tokenizer = new ByteTokenizer();

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void ByteTokenizer_EncodesTagsAsSingleSpecialTokens()
    {
        var tokenizer = new ByteTokenizer();

        var ids = tokenizer.Encode("<think>a</think><answer>1</answer>");

        Assert.Equal([tokenizer.Tags.ThinkOpen, ByteTokenizer.ByteId((byte)'a'), tokenizer.Tags.ThinkClose, tokenizer.Tags.AnswerOpen, ByteTokenizer.ByteId((byte)'1'), tokenizer.Tags.AnswerClose], ids);
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
    }

    [Fact]
    public void ByteTokenizer_DecodeDropsPaddingAndEos()
    {
        var tokenizer = new ByteTokenizer();

        Assert.Equal("ab", tokenizer.Decode([tokenizer.PadId, .. tokenizer.Encode("a"), tokenizer.EosId, .. tokenizer.Encode("b")]));
    }

    [Fact]
    public void BpeTokenizer_RoundTripsWithSpecialTokensAfterTheVocabulary()
    {
        var dir = Directory.CreateTempSubdirectory("bpe").FullName;
        try
        {
            // A small byte-level BPE vocabulary: single characters plus two merges.
            var symbols = "abcdefghijklmnopqrstuvwxyz0123456789+= ".Select(c => c.ToString()).Concat(["ab", "cd"]).ToArray();
            var vocab = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            File.WriteAllText(Path.Combine(dir, "vocab.json"), JsonSerializer.Serialize(vocab));
            File.WriteAllText(Path.Combine(dir, "merges.txt"), "#version: 0.2\na b\nc d\n");
            var tokenizer = BpeTokenizerAdapter.Load(Path.Combine(dir, "vocab.json"), Path.Combine(dir, "merges.txt"));
            const string Text = "<think>ab cd</think><answer>12</answer>";

            var ids = tokenizer.Encode(Text);

            Assert.Equal(Text, tokenizer.Decode(ids));
            Assert.Equal(vocab.Count + 6, tokenizer.VocabSize);
            Assert.Equal(tokenizer.Tags.ThinkOpen, ids[0]);
            Assert.Contains(vocab["ab"], ids);
            Assert.Contains(vocab["cd"], ids);
            Assert.Contains(vocab[" "], ids);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BpeTokenizer_WhenFilesMissing_SaysWhich()
    {
        var error = Assert.Throws<FileNotFoundException>(() => BpeTokenizerAdapter.Load("/nonexistent/vocab.json", "/nonexistent/merges.txt"));

        Assert.Contains("vocab.json", error.Message, StringComparison.Ordinal);
    }
}
