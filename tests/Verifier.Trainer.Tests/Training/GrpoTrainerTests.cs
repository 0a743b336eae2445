using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Training;

public sealed class GrpoTrainerTests : IDisposable
{
    private static readonly string[] MetricFields =
    [
        "step", "reward_mean", "reward_std", "accuracy_mean", "format_mean", "completion_len_mean", "kl", "clip_ratio",
        "entropy", "grad_norm", "lr", "generation_seconds", "reward_seconds", "update_seconds", "tokens_per_second",
        "reflection_rate", "reward_unknown_fraction", "truncated_fraction",
    ];

    private readonly string _out = Directory.CreateTempSubdirectory("trainer-test").FullName;

    public GrpoTrainerTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static TrainerConfig TinyConfig(int steps) => new()
    {
        Model = { ContextLength = 512, Dim = 16, Layers = 1, Heads = 2 },
        Sampling = { MaxNewTokens = 12 },
        Grpo = { GroupSize = 4, PromptsPerStep = 2, Beta = 0.04, Iterations = 2, Minibatches = 2 },
        Run = { Steps = steps, Threads = 1, Device = "cpu", SampleEvery = 1, PlotEvery = 2, CheckpointEvery = 2 },
    };

    [Fact]
    public async Task Train_WritesEveryMetricPlotsSamplesAndCheckpoints()
    {
        using var setup = TrainingSetup.Create(TinyConfig(2));
        var scorer = new LocalRewardSource();
        using var trainer = new GrpoTrainer(setup, scorer, _out, TextWriter.Null, TimeProvider.System);

        var history = await trainer.TrainAsync(resume: false);

        Assert.Equal([1, 2], history.Select(m => m.Step));
        var lines = File.ReadAllLines(Path.Combine(_out, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[1]);
        foreach (var field in MetricFields)
        {
            Assert.True(doc.RootElement.TryGetProperty(field, out _), $"metrics.jsonl lacks {field}");
        }

        // The guide enforces the shape: only completions cut off by the length limit can miss it.
        var truncated = doc.RootElement.GetProperty("truncated_fraction").GetDouble();
        Assert.Equal(1.0 - truncated, doc.RootElement.GetProperty("format_mean").GetDouble(), 9);
        Assert.True(doc.RootElement.GetProperty("lr").GetDouble() > 0);
        Assert.Equal(4, scorer.Calls); // one call per group
        foreach (var plot in new[] { "reward.png", "accuracy.png", "completion_length.png", "reflection_rate.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_out, "plots", plot));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }

        Assert.NotEmpty(File.ReadAllLines(Path.Combine(_out, "samples.jsonl")));
        Assert.True(File.Exists(Path.Combine(_out, "checkpoints", "step_000002", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(_out, "checkpoints", "step_000002", "reference.safetensors")));
    }

    [Fact]
    public async Task Train_WithResume_ContinuesAfterTheCheckpointAndMatchesAnUninterruptedRun()
    {
        var straightOut = Path.Combine(_out, "straight");
        using (var setup = TrainingSetup.Create(TinyConfig(4)))
        using (var trainer = new GrpoTrainer(setup, new LocalRewardSource(), straightOut, TextWriter.Null, TimeProvider.System))
        {
            await trainer.TrainAsync(resume: false);
        }

        var resumedOut = Path.Combine(_out, "resumed");
        using (var setup = TrainingSetup.Create(TinyConfig(2)))
        using (var trainer = new GrpoTrainer(setup, new LocalRewardSource(), resumedOut, TextWriter.Null, TimeProvider.System))
        {
            await trainer.TrainAsync(resume: false);
        }

        IReadOnlyList<Verifier.Trainer.Metrics.StepMetrics> resumed;
        using (var setup = TrainingSetup.Create(TinyConfig(4)))
        using (var trainer = new GrpoTrainer(setup, new LocalRewardSource(), resumedOut, TextWriter.Null, TimeProvider.System))
        {
            resumed = await trainer.TrainAsync(resume: true);
        }

        Assert.Equal([1, 2, 3, 4], resumed.Select(m => m.Step));
        var straight = File.ReadAllLines(Path.Combine(straightOut, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        for (var i = 2; i < 4; i++)
        {
            Assert.Equal(straight[i].GetProperty("reward_mean").GetDouble(), resumed[i].RewardMean!.Value, 6);
            Assert.Equal(straight[i].GetProperty("completion_len_mean").GetDouble(), resumed[i].CompletionLenMean, 6);
        }
    }

    [Fact]
    public async Task Train_WhenVerifierCannotScore_LogsUnknownRewardsAndDoesNotMoveThePolicy()
    {
        using var setup = TrainingSetup.Create(TinyConfig(1));
        var before = setup.Policy.parameters().Select(p => p.detach().clone()).ToArray();
        using var trainer = new GrpoTrainer(setup, new FailingRewardSource(), _out, TextWriter.Null, TimeProvider.System);

        var history = await trainer.TrainAsync(resume: false);

        var step = Assert.Single(history);
        Assert.Null(step.RewardMean);
        Assert.Null(step.AccuracyMean);
        Assert.Equal(1.0, step.RewardUnknownFraction);
        Assert.Equal(0.0, step.GradNorm);
        Assert.All(setup.Policy.parameters().Zip(before), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>()));
    }

    private sealed class FailingRewardSource : IRewardSource
    {
        public Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("verifier unreachable");
    }
}
