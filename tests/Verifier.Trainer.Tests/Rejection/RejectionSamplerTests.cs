using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Rejection;

public sealed class RejectionSamplerTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("rejection-test").FullName;

    public RejectionSamplerTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static TrainerConfig Tiny() => new()
    {
        Model = { Dim = 16, Layers = 1, Heads = 2 },
        Run = { Device = "cpu", Threads = 1 },
    };

    [Fact]
    public async Task RunAsync_WhenTheVerifierIsUnreachable_KeepsNothingAndCountsEverySampleUnknown()
    {
        using var setup = TrainingSetup.Create(Tiny());
        // A real SDK client aimed at a closed loopback port: every call fails, no verdict exists.
        await using var rewards = RewardSourceFactory.Create(new VerifierConfig { Url = "http://127.0.0.1:9", ApiKey = "k" });
        var rows = Path.Combine(_out, "rows.jsonl");

        var summary = await new RejectionSampler(setup, rewards, new RejectionOptions { K = 4, Prompts = 3 }, TextWriter.Null, TimeProvider.System).RunAsync(rows);

        Assert.Equal((3, 12, 12, 0), (summary.Prompts, summary.Samples, summary.Unknown, summary.Kept));
        Assert.Empty(File.ReadAllLines(rows));
    }

    [Fact]
    public async Task RunAsync_ScoresEachPromptsSamplesInOneCallAndWritesOnlyVerifiedRows()
    {
        using var setup = TrainingSetup.Create(Tiny());
        var rewards = new LocalRewardSource();
        var rows = Path.Combine(_out, "rows.jsonl");

        var summary = await new RejectionSampler(setup, rewards, new RejectionOptions { K = 8, Prompts = 25, BatchPrompts = 7 }, TextWriter.Null, TimeProvider.System).RunAsync(rows);

        Assert.Equal(25, rewards.Calls);
        Assert.Equal(25 * 8, summary.Samples);
        Assert.Equal(summary.Samples, summary.Incorrect + summary.Unformatted + summary.Kept);
        Assert.Equal(summary.Kept, File.ReadAllLines(rows).Length);
        Assert.True(File.Exists(RejectionSampler.SummaryPath(rows)));
    }
}
