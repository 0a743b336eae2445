using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Grpo;
using Verifier.Trainer.Metrics;
using Verifier.Trainer.Model;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Sampling;
using Verifier.Trainer.Tasks;
using static TorchSharp.torch;

namespace Verifier.Trainer.Training;

/// <summary>
/// The R1-Zero style loop: sample G completions per prompt, score them through an <see cref="IRewardSource"/>
/// (overlapping generation), compute group-relative advantages, update the policy; log, plot and checkpoint.
/// </summary>
public sealed class GrpoTrainer : IDisposable
{
    private readonly TrainingSetup _setup;
    private readonly IRewardSource _rewards;
    private readonly string _outDir;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly AdamW _optimizer;
    private readonly Gpt? _reference;
    private readonly Generator _generator;
    private readonly DeterministicRandom _taskRandom;
    private readonly DeterministicRandom _shuffle;
    private readonly PolicyUpdate _update;
    private readonly CompletionSampler _sampler;
    private int _unscoredCalls;

    public GrpoTrainer(TrainingSetup setup, IRewardSource rewards, string outDir, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _rewards = rewards ?? throw new ArgumentNullException(nameof(rewards));
        _outDir = outDir;
        _output = output;
        _time = time;
        var config = setup.Config;
        var opt = config.Optimizer;
        _optimizer = optim.AdamW(setup.Policy.parameters(), opt.LearningRate, opt.Beta1, opt.Beta2, 1e-8, opt.WeightDecay);
        if (config.Grpo.Beta > 0)
        {
            _reference = new Gpt(setup.Tokenizer.VocabSize, config.Model).to(setup.Device);
            _reference.load_state_dict(setup.Policy.state_dict());
            _reference.eval();
            foreach (var p in _reference.parameters())
            {
                p.requires_grad = false;
            }
        }

        _generator = new Generator((ulong)config.Run.Seed, setup.Device);
        _taskRandom = new DeterministicRandom((ulong)config.Run.Seed);
        _shuffle = new DeterministicRandom((ulong)config.Run.Seed ^ 0x5DEECE66DUL);
        _sampler = setup.Sampler();
        _update = new PolicyUpdate(setup.Policy, _reference, _optimizer, config.Grpo, opt.MaxGradNorm, setup.Guide, config.Sampling.Temperature, config.Sampling.MaxNewTokens);
    }

    public string CheckpointDirectory => Path.Combine(_outDir, "checkpoints");

    /// <summary>Runs to <c>run.steps</c>, resuming from the newest checkpoint in the output folder when asked.</summary>
    public async Task<IReadOnlyList<StepMetrics>> TrainAsync(bool resume, CancellationToken cancellationToken = default)
    {
        var config = _setup.Config;
        Directory.CreateDirectory(_outDir);
        File.WriteAllText(Path.Combine(_outDir, "config.json"), config.ToJson());
        var startStep = resume ? Resume() : 0;
        var metrics = new MetricsLog(Path.Combine(_outDir, "metrics.jsonl"), startStep);
        var progress = new ProgressBar(_output, config.Run.Steps, interactive: !Console.IsOutputRedirected && _output == Console.Out);
        var elapsedBefore = metrics.History.Count > 0 ? metrics.History[^1].ElapsedSeconds : 0;
        var started = _time.GetTimestamp();
        progress.Message($"device {_setup.Device.type}, threads {_setup.Threads}, {_setup.Policy.parameters().Sum(p => p.numel()):N0} parameters, start step {startStep}");

        try
        {
            for (var step = startStep + 1; step <= config.Run.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (stepMetrics, samples) = await StepAsync(step, cancellationToken).ConfigureAwait(false);
                stepMetrics = stepMetrics with { ElapsedSeconds = elapsedBefore + _time.GetElapsedTime(started).TotalSeconds };
                metrics.Append(stepMetrics);
                progress.Update(stepMetrics);
                if (config.Run.SampleEvery > 0 && (step % config.Run.SampleEvery == 0 || step == 1))
                {
                    LogSamples(step, samples, progress);
                }

                if (config.Run.PlotEvery > 0 && step % config.Run.PlotEvery == 0)
                {
                    MetricsPlotter.Render(metrics.History, Path.Combine(_outDir, "plots"));
                }

                if ((config.Run.CheckpointEvery > 0 && step % config.Run.CheckpointEvery == 0) || step == config.Run.Steps)
                {
                    Checkpoint(step);
                }
            }
        }
        finally
        {
            if (metrics.History.Count > 0)
            {
                MetricsPlotter.Render(metrics.History, Path.Combine(_outDir, "plots"));
            }
        }

        return metrics.History;
    }

    /// <summary>Writes a checkpoint of the current state as step <paramref name="step"/>.</summary>
    public string Checkpoint(int step) =>
        CheckpointStore.Save(
            CheckpointDirectory,
            new CheckpointState(step, _taskRandom.State, _shuffle.State, _setup.Tokenizer.VocabSize, _setup.Config.ToJson()),
            _setup.Policy,
            _optimizer,
            _generator,
            _reference);

    private int Resume()
    {
        var latest = CheckpointStore.Latest(CheckpointDirectory);
        if (latest is null)
        {
            return 0;
        }

        var state = CheckpointStore.ReadState(latest);
        if (state.VocabSize != _setup.Tokenizer.VocabSize)
        {
            throw new InvalidOperationException($"{latest} was trained with a vocabulary of {state.VocabSize}, this run has {_setup.Tokenizer.VocabSize}.");
        }

        CheckpointStore.LoadPolicy(latest, _setup.Policy);
        if (_reference is not null && File.Exists(Path.Combine(latest, "reference.safetensors")))
        {
            CheckpointStore.LoadPolicy(latest, _reference, "reference.safetensors");
        }

        CheckpointStore.LoadOptimizer(latest, _optimizer, _generator);
        _taskRandom.State = state.TaskRandomState;
        _shuffle.State = state.ShuffleRandomState;
        return state.Step;
    }

    private async Task<(StepMetrics Metrics, IReadOnlyList<(TaskItem Task, string Completion, RewardScore Score)> Samples)> StepAsync(int step, CancellationToken cancellationToken)
    {
        var config = _setup.Config;
        var groupSize = config.Grpo.GroupSize;
        var stepStart = _time.GetTimestamp();
        var tasks = Enumerable.Range(0, config.Grpo.PromptsPerStep).Select(_ => _setup.Tasks.Next(_taskRandom)).ToArray();
        var prompts = tasks.SelectMany(t => Enumerable.Repeat(_setup.Tokenizer.Encode(t.Prompt), groupSize)).ToArray();
        var texts = new string[prompts.Length];
        var scoring = new Task<IReadOnlyList<RewardScore>>[tasks.Length];

        using var batch = _sampler.Generate(prompts, _generator, _setup.Device, groupSize, (group, completions) =>
        {
            for (var i = 0; i < completions.Length; i++)
            {
                texts[(group * groupSize) + i] = _setup.Tokenizer.Decode(completions[i]);
            }

            scoring[group] = ScoreGroupAsync(tasks[group], texts.AsSpan(group * groupSize, groupSize).ToArray(), cancellationToken);
        });
        var generationSeconds = _time.GetElapsedTime(stepStart).TotalSeconds;

        var rewardStart = _time.GetTimestamp();
        var scores = (await Task.WhenAll(scoring).ConfigureAwait(false)).SelectMany(s => s).ToArray();
        var rewardSeconds = _time.GetElapsedTime(rewardStart).TotalSeconds;

        var updateStart = _time.GetTimestamp();
        var rewards = scores.Select(s => s.Reward).ToArray();
        var advantages = Advantages.Compute(rewards, groupSize, config.Grpo.Scaling, config.Grpo.AdvantageEpsilon);
        using var lossMask = LossMask(batch, rewards);
        var lr = LearningRate(config.Optimizer, step, config.Run.Steps);
        var stats = _update.Run(batch, advantages, lossMask, lr, _shuffle, _setup.Device);
        var updateSeconds = _time.GetElapsedTime(updateStart).TotalSeconds;

        var stepSeconds = _time.GetElapsedTime(stepStart).TotalSeconds;
        var tokens = batch.CompletionTokens.Sum(c => c.Length);
        var metrics = new StepMetrics
        {
            Step = step,
            RewardMean = Mean(rewards),
            RewardStd = Std(rewards),
            AccuracyMean = Mean(scores.Select(s => s.Accuracy)),
            FormatMean = Mean(scores.Select(s => s.Format)),
            RewardUnknownFraction = rewards.Count(r => r is null) / (double)rewards.Length,
            CompletionLenMean = tokens / (double)batch.Rows,
            TruncatedFraction = batch.Truncated.Count(t => t) / (double)batch.Rows,
            ReflectionRate = texts.Count(ReflectionDetector.IsReflective) / (double)texts.Length,
            Kl = stats.Kl,
            ClipRatio = stats.ClipRatio,
            Entropy = stats.Entropy,
            GradNorm = stats.GradNorm,
            Lr = lr,
            Loss = stats.Loss,
            GenerationSeconds = generationSeconds,
            RewardSeconds = rewardSeconds,
            UpdateSeconds = updateSeconds,
            StepSeconds = stepSeconds,
            TokensPerSecond = tokens / Math.Max(stepSeconds, 1e-9),
        };
        var samples = Enumerable.Range(0, texts.Length).Select(i => (tasks[i / groupSize], texts[i], scores[i])).ToArray();
        return (metrics, samples);
    }

    private async Task<IReadOnlyList<RewardScore>> ScoreGroupAsync(TaskItem task, string[] completions, CancellationToken cancellationToken)
    {
        var requests = completions.Select(c => new RewardRequest(task, c)).ToArray();
        try
        {
            var scores = await _rewards.ScoreAsync(requests, cancellationToken).ConfigureAwait(false);
            if (scores.Count == requests.Length)
            {
                return scores;
            }

            _output.WriteLine($"warning: the reward source returned {scores.Count} scores for {requests.Length} completions; treating them as unknown.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An infrastructure failure is not a score: these completions get advantage 0 and the run goes on.
            if (Interlocked.Increment(ref _unscoredCalls) <= 5)
            {
                _output.WriteLine($"warning: scoring failed ({e.GetType().Name}: {e.Message}); {requests.Length} completions left unscored.");
            }
        }

        return [.. requests.Select(_ => RewardScore.Unknown)];
    }

    /// <summary>Tokens that count in the loss: real completion tokens of scored rows, minus masked truncations.</summary>
    private Tensor LossMask(RolloutBatch batch, double?[] rewards)
    {
        var keep = Enumerable.Range(0, batch.Rows)
            .Select(i => rewards[i].HasValue && !(_setup.Config.Grpo.MaskTruncated && batch.Truncated[i]))
            .ToArray();
        using var rows = tensor(keep).unsqueeze(1);
        return batch.CompletionMask.logical_and(rows).to_type(ScalarType.Float32);
    }

    /// <summary>Linear warm-up over the first steps, then constant or cosine decay to the minimum ratio at the last step.</summary>
    internal static double LearningRate(Configuration.OptimizerConfig opt, int step, int totalSteps)
    {
        if (opt.WarmupSteps > 0 && step < opt.WarmupSteps)
        {
            return opt.LearningRate * step / opt.WarmupSteps;
        }

        if (opt.Schedule != "cosine" || totalSteps <= opt.WarmupSteps)
        {
            return opt.LearningRate;
        }

        var progress = Math.Clamp((step - opt.WarmupSteps) / (double)(totalSteps - opt.WarmupSteps), 0, 1);
        var ratio = opt.MinLearningRateRatio + ((1 - opt.MinLearningRateRatio) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
        return opt.LearningRate * ratio;
    }

    private void LogSamples(int step, IReadOnlyList<(TaskItem Task, string Completion, RewardScore Score)> samples, ProgressBar progress)
    {
        var path = Path.Combine(_outDir, "samples.jsonl");
        foreach (var (task, completion, score) in samples.Take(4))
        {
            var line = JsonSerializer.Serialize(new { step, task = task.Id, gold = task.GoldAnswer, completion, accuracy = score.Accuracy, format = score.Format, reward = score.Reward });
            File.AppendAllText(path, line + "\n");
        }

        var (t, c, s) = samples[0];
        progress.Message($"sample @ step {step}: {t.Question} -> {c} (reward {s.Reward?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return known.Length == 0 ? null : known.Average();
    }

    private static double? Std(IEnumerable<double?> values)
    {
        var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        if (known.Length == 0)
        {
            return null;
        }

        var mean = known.Average();
        return Math.Sqrt(known.Sum(v => (v - mean) * (v - mean)) / known.Length);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _reference?.Dispose();
        _generator.Dispose();
    }
}
