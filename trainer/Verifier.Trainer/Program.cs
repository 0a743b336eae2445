using System.ComponentModel.DataAnnotations;
using Verifier.Trainer.Commands;

const string Usage = """
    verifier-trainer: GRPO (DeepSeek-R1-Zero style) on TorchSharp, rewarded by the verifier.

      train  --task arithmetic|FILE.jsonl --verifier URL --api-key KEY --out DIR [--config FILE] [--steps N] [--resume] [--init CHECKPOINT]
      eval   --checkpoint DIR --verifier URL --api-key KEY [--prompts N] [--samples K] [--temperature T]
      sample --checkpoint DIR --prompt TEXT [--n N] [--raw] [--temperature T]
      bench  [--config FILE] [--rows N] [--prefix N] [--prompt-len N] [--completion N] [--steps N] [--generation] [--json FILE]
      rejection-sample --checkpoint DIR --task arithmetic|FILE.jsonl --k K --verifier URL --api-key KEY --out FILE.jsonl
             [--prompts N] [--max-per-prompt N] [--shortest-first] [--dedupe] [--drop-mixed-language] [--min-language-consistency X]
      sft    --data FILE.jsonl --out DIR [--init CHECKPOINT] [--config FILE] [--steps N] [--resume]
      pipeline --config FILE [--out DIR] [--verifier URL --api-key KEY]   (teacher GRPO -> rejection sampling -> student SFT -> student GRPO)
      compare --runs DIR,DIR [--labels A,B] [--threshold 0.7] --out FILE.png   (accuracy curves of runs on one chart)
      experiment --out DIR [--config FILE] [--steps N]   (development: arithmetic scored in process by the verifier's policy, no service)

    Common: --device auto|cpu|cuda[:N]  --threads N  --seed N  --libtorch-dir DIR (or VERIFIER_LIBTORCH_DIR)
    Everything else lives in the JSON config (see trainer/README.md).
    """;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var line = CommandLine.Parse(args, new HashSet<string> { "resume", "raw", "generation", "shortest-first", "dedupe", "drop-mixed-language" });
    return line.Command switch
    {
        "train" => await TrainCommand.RunAsync(line, Console.Out, cancel.Token).ConfigureAwait(false),
        "eval" => await EvalCommand.RunAsync(line, Console.Out, cancel.Token).ConfigureAwait(false),
        "sample" => SampleCommand.Run(line, Console.Out),
        "rejection-sample" => await RejectionSampleCommand.RunAsync(line, Console.Out, cancel.Token).ConfigureAwait(false),
        "sft" => SftCommand.Run(line, Console.Out, cancel.Token),
        "pipeline" => await PipelineCommand.RunAsync(line, Console.Out, cancel.Token).ConfigureAwait(false),
        "compare" => CompareCommand.Run(line, Console.Out),
        "bench" => BenchCommand.Run(line, Console.Out),
        "experiment" => await ExperimentCommand.RunAsync(line, Console.Out, cancel.Token).ConfigureAwait(false),
        "help" or "--help" => Help(),
        _ => throw new UsageException($"Unknown command '{line.Command}'."),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{Usage}");
    return 2;
}
catch (Exception e) when (e is ArgumentException or ValidationException or FormatException or IOException or NotSupportedException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (TypeInitializationException e) when (e.TypeName == "TorchSharp.torch")
{
    Console.Error.WriteLine(
        "error: libtorch could not be loaded. Build with the default -p:VerifierLibTorch=cpu, or set VERIFIER_LIBTORCH_DIR " +
        $"(or --libtorch-dir) to a libtorch folder such as <python>/site-packages/torch/lib.\n{e.InnerException?.Message.Split('\n')[0]}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}

static int Help()
{
    Console.WriteLine(Usage);
    return 0;
}
