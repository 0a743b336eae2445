using TorchSharp;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Grpo;
using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Training;

/// <summary>Shape of the synthetic batch a benchmark step trains on.</summary>
public sealed record BenchShape(int Rows, int PrefixLength, int PromptLength, int CompletionLength);

/// <summary>Median wall time of repeated steps.</summary>
public sealed record BenchResult(string Device, int Threads, BenchShape Shape, int Steps, double MedianUpdateSeconds, double MinUpdateSeconds, double MedianGenerationSeconds);

/// <summary>
/// Times the GRPO update (forward, loss, backward, clipping, AdamW) on a fixed synthetic batch, and batched
/// generation, with the policy of a config. No rewards are involved: advantages are random numbers, which is
/// all a timing needs. trainer/gpu-check runs the same step in PyTorch.
/// </summary>
public static class StepBenchmark
{
    public static BenchResult Run(TrainingSetup setup, BenchShape shape, int warmup, int steps, bool generation)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(shape);
        var config = setup.Config;
        var vocab = setup.Tokenizer.VocabSize;
        var random = new Random(1234);
        int[] Tokens(int n) => [.. Enumerable.Range(0, n).Select(_ => random.Next(7, vocab))];
        var prefix = Tokens(shape.PrefixLength);
        using var batch = new RolloutBatch(
            prefix,
            [.. Enumerable.Range(0, shape.Rows).Select(_ => Tokens(shape.PromptLength))],
            [.. Enumerable.Range(0, shape.Rows).Select(_ => Tokens(shape.CompletionLength))],
            null,
            new bool[shape.Rows],
            setup.Tokenizer.PadId);
        var advantages = Enumerable.Range(0, shape.Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        using var mask = batch.CompletionMask.to_type(ScalarType.Float32);
        var opt = config.Optimizer;
        using var optimizer = optim.AdamW(setup.Policy.parameters(), opt.LearningRate, opt.Beta1, opt.Beta2, 1e-8, opt.WeightDecay);
        var update = new PolicyUpdate(setup.Policy, null, optimizer, config.Grpo, opt.MaxGradNorm, null, 1.0, shape.CompletionLength);
        var shuffle = new DeterministicRandom(1);

        var times = new List<double>();
        for (var i = 0; i < warmup + steps; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            update.Run(batch, advantages, mask, opt.LearningRate, shuffle, setup.Device);
            Synchronize(setup.Device);
            if (i >= warmup)
            {
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }

        var genTimes = new List<double>();
        if (generation)
        {
            var sampling = new SamplingOptions { MaxNewTokens = shape.CompletionLength, Temperature = 1.0 };
            var sampler = new CompletionSampler(setup.Policy, setup.Tokenizer, sampling, null);
            var prompts = Enumerable.Range(0, shape.Rows).Select(_ => (int[])[.. prefix, .. Tokens(shape.PromptLength)]).ToArray();
            using var generator = new Generator(1, setup.Device);
            for (var i = 0; i < Math.Max(1, steps / 2) + 1; i++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                using var rollout = sampler.Generate(prompts, generator, setup.Device);
                if (i > 0)
                {
                    genTimes.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }
        }

        return new BenchResult(setup.Device.type.ToString(), setup.Threads, shape, steps, Median(times), times.Min(), genTimes.Count == 0 ? 0 : Median(genTimes));
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize(device);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
