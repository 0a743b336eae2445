using Verifier.Trainer.Sft;
using Verifier.Trainer.Tokenization;

namespace Verifier.Trainer.Tests.Sft;

public sealed class SftDatasetTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Load_SkipsMalformedLinesAndReportsTheirNumbers()
    {
        File.WriteAllLines(_path,
        [
            """{"prompt": "What is 1 + 1?", "completion": "<think></think><answer>2</answer>", "reward": 2}""",
            "{\"prompt\": \"What is 1 + 2?\", \"completion\": \"<think></think><answer>3</answer>\"",
            "",
            """{"prompt": "What is 2 + 2?"}""",
            """["not", "an", "object"]""",
            """{"prompt": "What is 2 + 1?", "completion": "<think></think><answer>3</answer>"}""",
            """{"prompt": 5, "completion": "x"}""",
        ]);

        var dataset = SftDataset.Load(_path, new ByteTokenizer());
        using var report = new StringWriter();
        dataset.ReportSkipped(_path, report);

        Assert.Equal(2, dataset.Examples.Count);
        Assert.Equal([2, 4, 5, 7], dataset.Skipped.Select(s => s.LineNumber));
        Assert.Contains("completion", dataset.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.Contains($"{_path}:2:", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("skipped 4 malformed line(s)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenizesTagsAsSpecialTokens()
    {
        File.WriteAllText(_path, """{"prompt": "Q", "completion": "<think></think><answer>2</answer>"}""" + "\n");
        var tokenizer = new ByteTokenizer();

        var example = Assert.Single(SftDataset.Load(_path, tokenizer).Examples);

        Assert.Equal(tokenizer.Tags.ThinkOpen, example.Completion[0]);
        Assert.Equal(tokenizer.Tags.AnswerClose, example.Completion[^1]);
        Assert.Equal(5, example.Completion.Length);
    }
}
