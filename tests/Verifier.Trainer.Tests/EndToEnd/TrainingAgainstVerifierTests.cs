using System.Text.Json.Nodes;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Metrics;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;
using Verifier.TestSupport;

namespace Verifier.Trainer.Tests.EndToEnd;

/// <summary>
/// GRPO from scratch on the built-in arithmetic task, with every reward coming from the real verifier service
/// over HTTP on loopback, through the SDK. Takes a few minutes on 2 cores.
/// </summary>
public sealed class TrainingAgainstVerifierTests(ITestOutputHelper output) : IDisposable
{
    private const int Steps = 180;
    private readonly string _out = Directory.CreateTempSubdirectory("verifier-e2e-").FullName;

    [Fact]
    public async Task Train_WithRewardsFromTheVerifierOverHttp_AccuracyRisesClearly()
    {
        await using var host = ServiceHost.Start();
        var config = new TrainerConfig();
        config.Run.Steps = Steps;
        config.Run.Seed = 1;
        config.Verifier.Url = host.Address.ToString();
        config.Verifier.ApiKey = ServiceHost.ApiKey;

        using var setup = TrainingSetup.Create(config);
        await using var rewards = RewardSourceFactory.Create(config.Verifier);
        using var log = new StringWriter();
        List<StepMetrics> history;
        using (var trainer = new GrpoTrainer(setup, rewards, _out, log, TimeProvider.System))
        {
            history = [.. await trainer.TrainAsync(resume: false)];
        }

        var first = history.Take(10).Average(m => m.AccuracyMean ?? 0);
        var last = history.TakeLast(10).Average(m => m.AccuracyMean ?? 0);
        output.WriteLine($"accuracy first 10 steps {first:0.000}, last 10 steps {last:0.000}, {history[^1].ElapsedSeconds:0} s");
        Assert.Equal(Steps, history.Count);
        Assert.True(first <= 0.2, $"accuracy over the first 10 steps was already {first:0.000}");
        Assert.True(last >= first + 0.2, $"accuracy went from {first:0.000} to only {last:0.000} in {Steps} steps");

        // Every reward was a real verdict: the verifier scored all of them, and format came back too.
        Assert.All(history, m => Assert.Equal(0, m.RewardUnknownFraction));
        Assert.All(history, m => Assert.Equal(1.0, m.FormatMean));
        var lines = File.ReadAllLines(Path.Combine(_out, "metrics.jsonl"));
        Assert.Equal(Steps, lines.Length);
        Assert.NotNull(JsonNode.Parse(lines[^1])!["accuracy_mean"]);
        Assert.True(File.Exists(Path.Combine(_out, "plots", "accuracy.png")));
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
