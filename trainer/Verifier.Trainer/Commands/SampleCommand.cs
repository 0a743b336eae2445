using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Tasks;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>sample --checkpoint DIR --prompt TEXT [--n N] [--raw] [--temperature T]: completions for one prompt.</summary>
internal static class SampleCommand
{
    public static int Run(CommandLine line, TextWriter output)
    {
        var checkpoint = ConfigOptions.ResolveCheckpoint(line.Required("checkpoint", "(a checkpoint folder or a run's --out folder)"));
        var config = ConfigOptions.FromCheckpoint(checkpoint, line);
        var question = line.Required("prompt", "(the question to answer)");
        var count = line.Int("n") ?? 4;
        var raw = line.Flag("raw");
        line.EnsureAllUsed();

        using var setup = TrainingSetup.Create(config);
        CheckpointStore.LoadPolicy(checkpoint, setup.Policy);
        var prompt = raw ? question : PromptTemplate.Apply(config.Task.Template, question);
        var encoded = setup.Tokenizer.Encode(prompt);
        using var generator = new TorchSharp.torch.Generator((ulong)config.Run.Seed, setup.Device);
        using var batch = setup.Sampler().Generate([.. Enumerable.Repeat(encoded, count)], generator, setup.Device);
        for (var i = 0; i < batch.Rows; i++)
        {
            var text = setup.Tokenizer.Decode(batch.CompletionTokens[i]);
            output.WriteLine($"[{i + 1}] {text}{(batch.Truncated[i] ? "  (truncated)" : string.Empty)}");
        }

        return 0;
    }
}
