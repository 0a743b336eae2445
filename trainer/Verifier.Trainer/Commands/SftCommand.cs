using Verifier.Trainer.Sft;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>
/// sft --data FILE.jsonl --out DIR [--init CHECKPOINT] [--config FILE] [--steps N] [--resume]: supervised fine-tuning on
/// prompt → completion rows, from scratch (the model of --config) or from a checkpoint (cold start).
/// </summary>
internal static class SftCommand
{
    public static int Run(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var data = line.Required("data", "(the JSONL rows: {\"prompt\", \"completion\"}, as rejection-sample writes them)");
        var init = line.String("init") is { } initPath ? ConfigOptions.ResolveCheckpoint(initPath) : null;
        var config = init is null ? ConfigOptions.Load(line) : ConfigOptions.ForCheckpoint(init, line);
        config.Sft.Steps = line.Int("steps") ?? config.Sft.Steps;
        var outDir = line.Required("out", "(the folder for metrics, plots and checkpoints)");
        var resume = line.Flag("resume");
        line.EnsureAllUsed();

        using var setup = TrainingSetup.Create(config);
        if (init is not null)
        {
            setup.LoadWeights(init);
        }

        var dataset = SftDataset.Load(data, setup.Tokenizer);
        dataset.ReportSkipped(data, output);
        using var trainer = new SftTrainer(setup, dataset.Examples, outDir, output, TimeProvider.System);
        var history = trainer.Train(resume, cancellationToken);
        if (history.Count > 0)
        {
            var last = history[^1];
            output.WriteLine($"done: {last.Step} steps in {last.ElapsedSeconds:0.0} s; loss {last.Loss:0.0000}, eval loss {last.EvalLoss?.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}; " +
                $"{dataset.Skipped.Count} malformed line(s) skipped");
        }

        output.WriteLine($"metrics: {Path.Combine(outDir, "metrics.jsonl")}  plots: {Path.Combine(outDir, "plots")}  checkpoints: {trainer.CheckpointDirectory}");
        return 0;
    }
}
