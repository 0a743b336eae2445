namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>One OpenRLHF reward route: what its labels are and how its reward is made (<c>Compat:OpenRlhf:{name}</c>).</summary>
public sealed class OpenRlhfRoute
{
    public const string MathTask = "math";
    public const string CodeTask = "code";
    public const string FormatTask = "format";
    public const string UnknownAsValue = "value";
    public const string UnknownFails = "fail";

    /// <summary>
    /// Where the tokens a response ends with are cut before it is scored (R1's format reward accepts nothing after
    /// <c>&lt;/answer&gt;</c>): the end-of-turn and padding tokens of the common chat templates.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultStopTokens =
        ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>", "</s>", "<｜end▁of▁sentence｜>", "<end_of_turn>", "<eos>"];

    /// <summary><c>math</c> (a label is the gold answer), <c>code</c> (a label is a code spec as JSON: <c>{"language", "tests", ...}</c>, as in <c>/v1/verify</c>), or <c>format</c> (no label: the format reward alone).</summary>
    public string Task { get; set; } = MathTask;

    /// <summary>The format reward's template (<c>r1</c>), or <c>none</c> for the accuracy reward alone.</summary>
    public string Format { get; set; } = "r1";

    /// <summary>The prompt ends inside <c>&lt;think&gt;</c> (R1's template with the tag opened for the model).</summary>
    public bool ThinkInPrompt { get; set; }

    public double AccuracyWeight { get; set; } = 1;

    public double FormatWeight { get; set; } = 1;

    /// <summary>
    /// What an unknown reward (the service could not decide) becomes in a contract without null: <c>value</c> sends
    /// <see cref="UnknownReward"/> and flags the sample in <c>extra_logs.unknown</c>; <c>fail</c> answers the whole
    /// batch 503 with Retry-After, so OpenRLHF's client retries and then stops instead of learning from a guess.
    /// </summary>
    public string Unknown { get; set; } = UnknownAsValue;

    public double UnknownReward { get; set; }

    /// <summary>Tokens cut from the end of a response, repeatedly (null: <see cref="DefaultStopTokens"/>).</summary>
    public List<string>? StopTokens { get; set; }

    internal IReadOnlyList<string> StopTokensOrDefault => StopTokens ?? DefaultStopTokens;

    internal bool HasFormat => !string.Equals(Format, "none", StringComparison.Ordinal);
}
