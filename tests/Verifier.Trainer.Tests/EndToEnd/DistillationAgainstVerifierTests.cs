using System.Text.Json;
using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Sft;
using Verifier.Trainer.Training;
using Verifier.TestSupport;

namespace Verifier.Trainer.Tests.EndToEnd;

/// <summary>
/// rejection-sample → sft on a tiny model, every verdict from the real verifier service over HTTP on loopback
/// through the SDK: the kept rows are exactly the verified-correct ones, and a student of another size learns from them.
/// </summary>
public sealed class DistillationAgainstVerifierTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("verifier-distill-").FullName;

    public DistillationAgainstVerifierTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task RejectionSampleThenSft_WithVerdictsFromTheVerifierOverHttp_KeepsOnlyCorrectRowsAndTheStudentLearns()
    {
        await using var host = ServiceHost.Start();
        var teacherConfig = new TrainerConfig
        {
            Model = { Dim = 16, Layers = 1, Heads = 2 },
            Run = { Device = "cpu", Threads = 1, Seed = 3 },
            Verifier = { Url = host.Address.ToString(), ApiKey = ServiceHost.ApiKey },
        };
        await using var rewards = RewardSourceFactory.Create(teacherConfig.Verifier);
        var rowsPath = Path.Combine(_out, "rows.jsonl");

        // An untrained guided policy answers right about one time in ten: enough verified rows to distil.
        RejectionSummary summary;
        using (var teacher = TrainingSetup.Create(teacherConfig))
        {
            var options = new RejectionOptions { K = 16, Prompts = 25, MaxPerPrompt = 2, ShortestFirst = true, Dedupe = true, DropMixedLanguage = true };
            summary = await new RejectionSampler(teacher, rewards, options, TextWriter.Null, TimeProvider.System).RunAsync(rowsPath);
        }

        var rows = File.ReadAllLines(rowsPath).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToArray();
        Assert.Equal(25, summary.Prompts);
        Assert.Equal(25 * 16, summary.Samples);
        Assert.Equal(0, summary.Unknown);
        Assert.Equal(summary.Samples, summary.Unknown + summary.Incorrect + summary.Unformatted + summary.MixedLanguage + summary.Duplicates + summary.OverCap + summary.Kept);
        Assert.True(summary.Kept >= 10, $"only {summary.Kept} rows kept");
        Assert.Equal(summary.Kept, rows.Length);
        Assert.All(rows, r => Assert.Equal(r.GetProperty("gold").GetString(), Evaluator.ExtractAnswer(r.GetProperty("completion").GetString()!)));
        Assert.All(rows, r => Assert.Equal(1.0, r.GetProperty("accuracy").GetDouble()));
        Assert.True(File.Exists(RejectionSampler.SummaryPath(rowsPath)));

        // A student of another size, from scratch, on those rows only.
        var studentConfig = new TrainerConfig
        {
            Model = { Dim = 24, Layers = 1, Heads = 2 },
            Sft = { Steps = 40, BatchSize = 8, LearningRate = 1e-2, WarmupSteps = 2, EvalEvery = 20, HeldOutFraction = 0.2 },
            Run = { Device = "cpu", Threads = 1 },
        };
        using var student = TrainingSetup.Create(studentConfig);
        var dataset = SftDataset.Load(rowsPath, student.Tokenizer);
        Assert.Empty(dataset.Skipped);
        using var sft = new SftTrainer(student, dataset.Examples, Path.Combine(_out, "student"), TextWriter.Null, TimeProvider.System);
        var before = sft.EvalLoss()!.Value;

        var history = sft.Train(resume: false);

        var after = history[^1].EvalLoss!.Value;
        Assert.True(after < before * 0.5, $"held-out loss went from {before:0.000} to only {after:0.000}");
        var checkpoint = CheckpointStore.Latest(sft.CheckpointDirectory)!;
        Assert.EndsWith("step_000040", checkpoint, StringComparison.Ordinal);

        // The student's checkpoint is an ordinary policy checkpoint: it evaluates against the verifier.
        using var reloaded = TrainingSetup.Create(studentConfig);
        reloaded.LoadWeights(checkpoint);
        var eval = await Evaluator.RunAsync(reloaded, rewards, prompts: 16, samples: 2, seed: 1);
        Assert.Equal(0.0, eval.UnknownFraction);
        Assert.Equal(1.0, eval.FormatMean);
    }
}
