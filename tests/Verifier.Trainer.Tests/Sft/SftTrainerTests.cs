using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Sft;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Sft;

public sealed class SftTrainerTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("sft-test").FullName;

    public SftTrainerTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static TrainerConfig Config(int steps, bool packing) => new()
    {
        Model = { ContextLength = 64, Dim = 16, Layers = 1, Heads = 2 },
        Task = { Template = "none" },
        Sft = { Steps = steps, BatchSize = 3, Packing = packing, LearningRate = 1e-2, WarmupSteps = 2, EvalEvery = 2, CheckpointEvery = 2, HeldOutFraction = 0.25 },
        Run = { Device = "cpu", Threads = 1 },
    };

    private static SftExample[] Examples(TrainingSetup setup) =>
        [.. Enumerable.Range(0, 8).Select(i => new SftExample(setup.Tokenizer.Encode($"What is {i} + 1?"), setup.Tokenizer.Encode($"<think></think><answer>{i + 1}</answer>")))];

    private List<SftMetrics> Train(string dir, int steps, bool resume, bool packing = false)
    {
        using var setup = TrainingSetup.Create(Config(steps, packing));
        using var trainer = new SftTrainer(setup, Examples(setup), dir, TextWriter.Null, TimeProvider.System);
        return [.. trainer.Train(resume)];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_WritesMetricsPlotAndCheckpointsAndLowersTheLoss(bool packing)
    {
        var history = Train(_out, steps: 12, resume: false, packing);

        Assert.Equal(12, history.Count);
        Assert.True(history[^1].Loss < history[0].Loss, $"loss {history[0].Loss} -> {history[^1].Loss}");
        Assert.Equal(6, history.Count(m => m.EvalLoss.HasValue));
        var line = JsonDocument.Parse(File.ReadLines(Path.Combine(_out, "metrics.jsonl")).Last()).RootElement;
        foreach (var field in new[] { "step", "loss", "eval_loss", "lr", "grad_norm", "target_tokens", "elapsed_seconds" })
        {
            Assert.True(line.TryGetProperty(field, out _), $"metrics.jsonl lacks {field}");
        }

        Assert.True(File.Exists(Path.Combine(_out, "plots", "loss.png")));
        Assert.True(File.Exists(Path.Combine(_out, "checkpoints", "step_000012", "model.safetensors")));
    }

    [Fact]
    public void Train_WithWarmupAndCosine_RisesThenDecaysToTheMinimumRatio()
    {
        var history = Train(_out, steps: 6, resume: false);

        Assert.Equal(5e-3, history[0].Lr, 9);
        Assert.Equal(1e-2, history[1].Lr, 9);
        Assert.True(history[2].Lr < history[1].Lr);
        Assert.Equal(1e-3, history[^1].Lr, 9);
    }

    [Fact]
    public void Train_WithResume_ContinuesFromTheCheckpointAndMatchesAnUninterruptedRun()
    {
        var straight = Train(Path.Combine(_out, "straight"), steps: 4, resume: false);
        var resumedDir = Path.Combine(_out, "resumed");
        Train(resumedDir, steps: 4, resume: false);
        // As if the run had been stopped after the step-2 checkpoint.
        Directory.Delete(Path.Combine(resumedDir, "checkpoints", "step_000004"), recursive: true);
        File.WriteAllText(Path.Combine(resumedDir, "metrics.jsonl"), "{\"step\": 1, \"loss\": 0}\n{\"step\": 2, \"loss\": 0}\n{\"step\": 3, \"loss\": 9}\n");

        var resumed = Train(resumedDir, steps: 4, resume: true);

        Assert.Equal([1, 2, 3, 4], resumed.Select(m => m.Step));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(resumedDir, "metrics.jsonl")).Length);
        for (var i = 2; i < 4; i++)
        {
            Assert.Equal(straight[i].Loss, resumed[i].Loss, 5);
        }
    }
}
