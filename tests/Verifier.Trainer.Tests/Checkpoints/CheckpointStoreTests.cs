using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Model;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ckpt-test").FullName;

    public CheckpointStoreTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Gpt NewModel(int seed)
    {
        manual_seed(seed);
        return new Gpt(30, new GptOptions { ContextLength = 32, Dim = 16, Layers = 1, Heads = 2 });
    }

    private static void TrainOneStep(Gpt model, optim.Optimizer optimizer)
    {
        var tokens = randint(0, 30, [2, 8], generator: new Generator(1));
        var loss = nn.functional.cross_entropy(model.forward(tokens).reshape(-1, 30), tokens.reshape(-1));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    [Fact]
    public void SaveThenLoad_RestoresPolicyOptimizerAndRng()
    {
        using var model = NewModel(1);
        using var optimizer = optim.AdamW(model.parameters(), 0.01);
        TrainOneStep(model, optimizer);
        using var generator = new Generator(42);
        _ = randn(3, generator: generator); // advance the RNG
        var state = new CheckpointState(7, 123UL, 456UL, 30, "{}");

        var path = CheckpointStore.Save(_dir, state, model, optimizer, generator, null);
        using var copy = new Generator(0);
        copy.set_state(generator.get_state());
        var expectedNext = randn(5, generator: copy);

        using var restored = NewModel(2);
        using var restoredOptimizer = optim.AdamW(restored.parameters(), 0.01);
        using var restoredGenerator = new Generator(0);
        CheckpointStore.LoadPolicy(path, restored);
        CheckpointStore.LoadOptimizer(path, restoredOptimizer, restoredGenerator);

        Assert.Equal(state, CheckpointStore.ReadState(path));
        foreach (var ((name, a), (_, b)) in model.named_parameters().Zip(restored.named_parameters()))
        {
            Assert.True(a.eq(b).all().item<bool>(), name);
        }

        Assert.True(randn(5, generator: restoredGenerator).eq(expectedNext).all().item<bool>());

        // Same optimizer moments → the next update is identical.
        TrainOneStep(model, optimizer);
        TrainOneStep(restored, restoredOptimizer);
        foreach (var ((name, a), (_, b)) in model.named_parameters().Zip(restored.named_parameters()))
        {
            Assert.True(a.allclose(b, rtol: 1e-6, atol: 1e-7), name);
        }
    }

    [Fact]
    public void Latest_PicksHighestCompleteStepAndIgnoresUnfinished()
    {
        using var model = NewModel(1);
        using var optimizer = optim.AdamW(model.parameters());
        using var generator = new Generator(1);
        CheckpointStore.Save(_dir, new CheckpointState(2, 0, 0, 30, "{}"), model, optimizer, generator, null);
        var last = CheckpointStore.Save(_dir, new CheckpointState(10, 0, 0, 30, "{}"), model, optimizer, generator, null);
        Directory.CreateDirectory(Path.Combine(_dir, "step_000011.tmp"));

        Assert.Equal(last, CheckpointStore.Latest(_dir));
    }

    [Fact]
    public void ModelFile_IsSafetensorsWithPyTorchStyleKeys()
    {
        using var model = NewModel(1);
        using var optimizer = optim.AdamW(model.parameters());
        using var generator = new Generator(1);
        var path = CheckpointStore.Save(_dir, new CheckpointState(1, 0, 0, 30, "{}"), model, optimizer, generator, null);

        var tensors = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(path, "model.safetensors"));

        Assert.Contains("wte.weight", tensors.Keys);
        Assert.Contains("blocks.0.qkv.weight", tensors.Keys);
        Assert.Contains("lm_head.weight", tensors.Keys);
    }
}
