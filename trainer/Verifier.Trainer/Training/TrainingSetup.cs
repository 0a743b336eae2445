using TorchSharp;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Model;
using Verifier.Trainer.Native;
using Verifier.Trainer.Sampling;
using Verifier.Trainer.Tasks;
using Verifier.Trainer.Tokenization;
using static TorchSharp.torch;

namespace Verifier.Trainer.Training;

/// <summary>The pieces a run is built from, created from its config: device, tokenizer, task, policy.</summary>
public sealed class TrainingSetup : IDisposable
{
    private TrainingSetup(TrainerConfig config, Device device, int threads, ITokenizer tokenizer, ITaskSource tasks, Gpt policy, FormatGuide? guide)
    {
        Config = config;
        Device = device;
        Threads = threads;
        Tokenizer = tokenizer;
        Tasks = tasks;
        Policy = policy;
        Guide = guide;
    }

    public TrainerConfig Config { get; }

    public Device Device { get; }

    public int Threads { get; }

    public ITokenizer Tokenizer { get; }

    public ITaskSource Tasks { get; }

    public Gpt Policy { get; }

    public FormatGuide? Guide { get; }

    /// <summary>Validates the config, loads libtorch, picks the device and threads, and builds a fresh policy.</summary>
    public static TrainingSetup Create(TrainerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        TorchBackend.LoadLibTorch(config.Run.LibtorchDir);
        var device = TorchBackend.ResolveDevice(config.Run.Device);
        var threads = TorchBackend.ConfigureThreads(config.Run.Threads, device);
        manual_seed(config.Run.Seed);
        var tokenizer = CreateTokenizer(config.Tokenizer);
        var tasks = CreateTasks(config.Task);
        var policy = new Gpt(tokenizer.VocabSize, config.Model).to(device);
        var guide = CreateGuide(config, tokenizer, tasks);
        return new TrainingSetup(config, device, threads, tokenizer, tasks, policy, guide);
    }

    /// <summary>
    /// Starts the policy from a checkpoint's weights (--init, --checkpoint), refusing one of another model size or
    /// tokenizer with both shapes named.
    /// </summary>
    public void LoadWeights(string checkpoint)
    {
        Checkpoints.CheckpointCompatibility.EnsureMatches(checkpoint, Config, Tokenizer.VocabSize);
        Checkpoints.CheckpointStore.LoadPolicy(checkpoint, Policy);
    }

    public CompletionSampler Sampler(SamplingOptions? options = null) =>
        new(Policy, Tokenizer, options ?? Config.Sampling, Guide);

    internal static FormatGuide? CreateGuide(TrainerConfig config, ITokenizer tokenizer, ITaskSource tasks)
    {
        var sampling = config.Sampling;
        if (!(sampling.GuideFormat ?? tasks.Guide is not null))
        {
            return null;
        }

        var think = sampling.ThinkAlphabet ?? tasks.Guide?.ThinkAlphabet;
        var answer = sampling.AnswerAlphabet ?? tasks.Guide?.AnswerAlphabet;
        var maxAnswer = sampling.MaxAnswerTokens ?? tasks.Guide?.MaxAnswerLength;
        if (think is null || answer is null || maxAnswer is null)
        {
            throw new ArgumentException("sampling.guide_format needs sampling.think_alphabet, sampling.answer_alphabet and sampling.max_answer_tokens for this task.");
        }

        // Four tag tokens, the answer, and at most what is left for thinking: a guided completion always fits.
        var room = sampling.MaxNewTokens - 4 - maxAnswer.Value;
        if (room < 0)
        {
            throw new ArgumentException($"sampling.max_new_tokens ({sampling.MaxNewTokens}) is too small for the four tags and a {maxAnswer}-character answer.");
        }

        var maxThink = Math.Min(room, sampling.MaxThinkTokens ?? tasks.Guide?.MaxThinkTokens ?? room);

        return new FormatGuide(tokenizer, think, answer, maxThink, maxAnswer.Value);
    }

    internal static ITokenizer CreateTokenizer(TokenizerConfig config) => config.Kind.ToLowerInvariant() switch
    {
        "byte" => new ByteTokenizer(),
        "bpe" => BpeTokenizerAdapter.Load(
            config.BpeVocab ?? throw new ArgumentException("tokenizer.bpe_vocab is required for a BPE tokenizer."),
            config.BpeMerges ?? throw new ArgumentException("tokenizer.bpe_merges is required for a BPE tokenizer.")),
        _ => throw new ArgumentException($"Unknown tokenizer.kind '{config.Kind}'. Use byte or bpe."),
    };

    internal static ITaskSource CreateTasks(TaskConfig config) => config.Name.ToLowerInvariant() switch
    {
        "arithmetic" => new ArithmeticTask(config.Arithmetic, config.Template),
        "jsonl" => JsonlTaskSource.Load(
            config.Path ?? throw new ArgumentException("task.path (or --task-file) is required for the jsonl task."),
            config.Template,
            config.HeldOutFraction),
        _ => throw new ArgumentException($"Unknown task '{config.Name}'. Use arithmetic or jsonl."),
    };

    public void Dispose() => Policy.Dispose();
}
