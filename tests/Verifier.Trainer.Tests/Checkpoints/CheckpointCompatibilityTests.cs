using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Sft;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Checkpoints;

public sealed class CheckpointCompatibilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("compat-test").FullName;

    public CheckpointCompatibilityTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainerConfig Config(int dim, int layers) => new()
    {
        Model = { Dim = dim, Layers = layers, Heads = 2 },
        Sft = { Steps = 1, BatchSize = 1, HeldOutFraction = 0 },
        Run = { Device = "cpu", Threads = 1 },
    };

    /// <summary>A real checkpoint, written by one SFT step.</summary>
    private string Checkpoint(TrainerConfig config)
    {
        using var setup = TrainingSetup.Create(config);
        var prompt = setup.Tokenizer.Encode("What is 1 + 1?");
        using var trainer = new SftTrainer(setup, [new SftExample(prompt, setup.Tokenizer.Encode("<answer>2</answer>"))], _dir, TextWriter.Null, TimeProvider.System);
        trainer.Train(resume: false);
        return CheckpointStore.Latest(trainer.CheckpointDirectory)!;
    }

    [Fact]
    public void LoadWeights_WhenTheCheckpointIsAnotherSize_RefusesNamingBothShapes()
    {
        var checkpoint = Checkpoint(Config(dim: 16, layers: 1));
        using var other = TrainingSetup.Create(Config(dim: 32, layers: 2));

        var error = Assert.Throws<InvalidOperationException>(() => other.LoadWeights(checkpoint));

        Assert.Contains("model.dim 16 in the checkpoint, 32 in this run", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.layers 1 in the checkpoint, 2 in this run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureMatches_WhenTheTokenizerDiffers_Refuses()
    {
        var checkpoint = Checkpoint(Config(dim: 16, layers: 1));
        var config = Config(dim: 16, layers: 1);

        var error = Assert.Throws<InvalidOperationException>(() => CheckpointCompatibility.EnsureMatches(checkpoint, config, vocabSize: 1000));

        Assert.Contains("vocabulary size 262 in the checkpoint, 1000 in this run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadWeights_WhenTheCheckpointMatches_LoadsItsWeights()
    {
        var config = Config(dim: 16, layers: 1);
        var checkpoint = Checkpoint(config);
        using var fresh = TrainingSetup.Create(Config(dim: 16, layers: 1));
        using var saved = TrainingSetup.Create(Config(dim: 16, layers: 1));
        CheckpointStore.LoadPolicy(checkpoint, saved.Policy);
        Assert.Contains(fresh.Policy.parameters().Zip(saved.Policy.parameters()), p => !p.First.eq(p.Second).all().item<bool>());

        fresh.LoadWeights(checkpoint);

        Assert.All(fresh.Policy.parameters().Zip(saved.Policy.parameters()), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
    }
}
