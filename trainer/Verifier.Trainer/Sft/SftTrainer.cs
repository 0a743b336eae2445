using TorchSharp;
using TorchSharp.Modules;
using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Training;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sft;

/// <summary>
/// Supervised fine-tuning on prompt → completion examples (R1's cold start and distillation): completion-only
/// cross-entropy, AdamW with warm-up and cosine decay, the eval loss on a held-out split, metrics.jsonl and
/// plots, safetensors checkpoints that resume. The checkpoints are ordinary policy checkpoints, so eval,
/// rejection-sample and train --init take them as they are.
/// </summary>
public sealed class SftTrainer : IDisposable
{
    private readonly TrainingSetup _setup;
    private readonly SftOptions _options;
    private readonly string _outDir;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly AdamW _optimizer;
    private readonly Generator _generator;
    private readonly IReadOnlyList<SftSequence> _train;
    private readonly IReadOnlyList<SftSequence> _heldOut;
    private long _epoch = -1;
    private int[]? _epochOrder;

    public SftTrainer(TrainingSetup setup, IReadOnlyList<SftExample> examples, string outDir, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(examples);
        _setup = setup;
        _options = setup.Config.Sft;
        _outDir = outDir;
        _output = output;
        _time = time;
        _optimizer = optim.AdamW(setup.Policy.parameters(), _options.LearningRate, 0.9, 0.95, 1e-8, _options.WeightDecay);
        _generator = new Generator((ulong)setup.Config.Run.Seed, setup.Device);
        var context = setup.Config.Model.ContextLength;
        var usable = examples.Where(e => e.Prompt.Length + e.Completion.Length <= context && e.Completion.Length > 0 && e.Prompt.Length > 0).ToArray();
        if (usable.Length < examples.Count)
        {
            output.WriteLine($"sft: left out {examples.Count - usable.Length} example(s) longer than the context of {context} tokens");
        }

        if (usable.Length == 0)
        {
            throw new ArgumentException("No SFT examples to train on.");
        }

        // The held-out rows are a seeded random subset, not the file's last lines: rejection sampling writes a
        // prompt's rows together, and a tail split would hide whole prompts from training.
        var heldOut = usable.Length < 2 ? 0 : Math.Clamp((int)Math.Round(usable.Length * _options.HeldOutFraction), _options.HeldOutFraction > 0 ? 1 : 0, usable.Length - 1);
        var split = Permutation(usable.Length, (ulong)setup.Config.Run.Seed ^ 0x5EEDUL).Select(i => usable[i]).ToArray();
        var trainExamples = split[..^heldOut];
        _heldOut = [.. split[^heldOut..].Select(SftSequences.Padded)];
        if (_options.Packing)
        {
            // Packed once, in a seeded order so rows mix prompts; the epochs then shuffle whole rows.
            var order = Permutation(trainExamples.Length, (ulong)setup.Config.Run.Seed ^ 0x9ACCUL);
            _train = SftSequences.Packed(order.Select(i => trainExamples[i]), context, setup.Tokenizer.EosId, out _);
        }
        else
        {
            _train = [.. trainExamples.Select(SftSequences.Padded)];
        }

        TrainExamples = trainExamples.Length;
        HeldOutExamples = heldOut;
    }

    public int TrainExamples { get; }

    public int HeldOutExamples { get; }

    public string CheckpointDirectory => Path.Combine(_outDir, "checkpoints");

    public IReadOnlyList<SftMetrics> Train(bool resume, CancellationToken cancellationToken = default)
    {
        var config = _setup.Config;
        Directory.CreateDirectory(_outDir);
        File.WriteAllText(Path.Combine(_outDir, "config.json"), config.ToJson());
        var startStep = resume ? Resume() : 0;
        var metrics = new SftMetricsLog(Path.Combine(_outDir, "metrics.jsonl"), startStep);
        var elapsedBefore = metrics.History.Count > 0 ? metrics.History[^1].ElapsedSeconds : 0;
        var started = _time.GetTimestamp();
        _output.WriteLine($"sft: device {_setup.Device.type}, threads {_setup.Threads}, {_setup.Policy.parameters().Sum(p => p.numel()):N0} parameters, " +
            $"{TrainExamples} train / {HeldOutExamples} held-out examples, {_train.Count} rows ({(_options.Packing ? "packed" : "padded")}), start step {startStep}");
        _setup.Policy.train();
        try
        {
            for (var step = startStep + 1; step <= _options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stepStart = _time.GetTimestamp();
                var lr = GrpoTrainer.LearningRate(Schedule(), step, _options.Steps);
                var (loss, gradNorm, targets) = Step(BatchRows(step), lr);
                var evalLoss = _options.EvalEvery > 0 && (step % _options.EvalEvery == 0 || step == _options.Steps) ? EvalLoss() : (double?)null;
                var seconds = _time.GetElapsedTime(stepStart).TotalSeconds;
                var line = new SftMetrics
                {
                    Step = step,
                    Loss = loss,
                    EvalLoss = evalLoss,
                    Lr = lr,
                    GradNorm = gradNorm,
                    TargetTokens = targets,
                    TokensPerSecond = targets / Math.Max(seconds, 1e-9),
                    StepSeconds = seconds,
                    ElapsedSeconds = elapsedBefore + _time.GetElapsedTime(started).TotalSeconds,
                };
                metrics.Append(line);
                if (evalLoss.HasValue || step == startStep + 1)
                {
                    _output.WriteLine($"sft step {step}/{_options.Steps}: loss {loss:0.0000}{(evalLoss is { } e ? $", eval loss {e:0.0000}" : string.Empty)}, lr {lr:0.######}, {line.ElapsedSeconds:0.0} s");
                }

                if ((_options.CheckpointEvery > 0 && step % _options.CheckpointEvery == 0) || step == _options.Steps)
                {
                    Checkpoint(step);
                }
            }
        }
        finally
        {
            if (metrics.History.Count > 0)
            {
                metrics.Plot(Path.Combine(_outDir, "plots"));
            }
        }

        return metrics.History;
    }

    /// <summary>Mean held-out loss per completion token (no grad), or null without a held-out split.</summary>
    public double? EvalLoss()
    {
        if (_heldOut.Count == 0)
        {
            return null;
        }

        using var noGrad = no_grad();
        var (sum, count) = (0.0, 0L);
        for (var start = 0; start < _heldOut.Count; start += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            using var batch = SftBatch.Create([.. _heldOut.Skip(start).Take(_options.BatchSize)], _setup.Tokenizer.PadId);
            var (loss, targets) = SftLoss.Compute(_setup.Policy, batch, _setup.Device);
            sum += loss.item<float>() * targets;
            count += targets;
        }

        return count == 0 ? null : sum / count;
    }

    private (double Loss, double GradNorm, long Targets) Step(IReadOnlyList<SftSequence> rows, double lr)
    {
        using var scope = NewDisposeScope();
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        using var batch = SftBatch.Create(rows, _setup.Tokenizer.PadId);
        var (loss, targets) = SftLoss.Compute(_setup.Policy, batch, _setup.Device);
        _optimizer.zero_grad();
        loss.backward();
        var parameters = _setup.Policy.parameters().ToArray();
        var gradNorm = _options.MaxGradNorm > 0
            ? nn.utils.clip_grad_norm_(parameters, _options.MaxGradNorm)
            : Math.Sqrt(parameters.Where(p => p.grad is not null).Sum(p => p.grad!.pow(2).sum().item<float>()));
        _optimizer.step();
        return (loss.item<float>(), gradNorm, targets);
    }

    /// <summary>
    /// The rows of step <paramref name="step"/>: a stream of epochs, each a seeded permutation of the training rows.
    /// A function of (seed, step) alone, so a resumed run sees the batches the uninterrupted one would have.
    /// </summary>
    private IReadOnlyList<SftSequence> BatchRows(int step)
    {
        var rows = new List<SftSequence>(_options.BatchSize);
        for (var index = (long)(step - 1) * _options.BatchSize; rows.Count < _options.BatchSize; index++)
        {
            var epoch = index / _train.Count;
            if (_epochOrder is null || _epoch != epoch)
            {
                (_epoch, _epochOrder) = (epoch, Permutation(_train.Count, (ulong)_setup.Config.Run.Seed + ((ulong)epoch * 0x9E37_79B9UL)));
            }

            rows.Add(_train[_epochOrder[(int)(index % _train.Count)]]);
        }

        return rows;
    }

    private static int[] Permutation(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(0, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private OptimizerConfig Schedule() => new()
    {
        LearningRate = _options.LearningRate,
        WarmupSteps = _options.WarmupSteps,
        Schedule = "cosine",
        MinLearningRateRatio = _options.MinLearningRateRatio,
    };

    private void Checkpoint(int step) =>
        CheckpointStore.Save(
            CheckpointDirectory,
            new CheckpointState(step, 0, 0, _setup.Tokenizer.VocabSize, _setup.Config.ToJson()),
            _setup.Policy,
            _optimizer,
            _generator,
            null);

    private int Resume()
    {
        var latest = CheckpointStore.Latest(CheckpointDirectory);
        if (latest is null)
        {
            return 0;
        }

        CheckpointCompatibility.EnsureMatches(latest, _setup.Config, _setup.Tokenizer.VocabSize);
        CheckpointStore.LoadPolicy(latest, _setup.Policy);
        CheckpointStore.LoadOptimizer(latest, _optimizer, _generator);
        return CheckpointStore.ReadState(latest).Step;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _generator.Dispose();
    }
}
