using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Sampling;

/// <summary>How completions are drawn from the policy.</summary>
public sealed class SamplingOptions
{
    /// <summary>Softmax temperature; 0 means greedy (argmax).</summary>
    [Range(0.0, 100.0)]
    public double Temperature { get; set; } = 1.0;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this; 1 keeps all.</summary>
    [Range(0.0, 1.0)]
    public double TopP { get; set; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 keeps all.</summary>
    [Range(0, int.MaxValue)]
    public int TopK { get; set; }

    /// <summary>Longest completion; one that reaches it without a stop token is truncated.</summary>
    [Range(1, 1 << 16)]
    public int MaxNewTokens { get; set; } = 32;

    /// <summary>
    /// Constrain sampling to the R1 shape &lt;think&gt;…&lt;/think&gt;&lt;answer&gt;…&lt;/answer&gt; with the task's
    /// alphabets (see <see cref="FormatGuide"/>). Null (the default) turns it on for tasks that define
    /// alphabets (the built-in arithmetic) and off otherwise, where the format is learned from the reward.
    /// </summary>
    public bool? GuideFormat { get; set; }

    /// <summary>Characters allowed inside &lt;think&gt; under the guide; null takes the task's.</summary>
    public string? ThinkAlphabet { get; set; }

    /// <summary>Characters allowed inside &lt;answer&gt; under the guide; null takes the task's.</summary>
    public string? AnswerAlphabet { get; set; }

    /// <summary>Most thinking tokens under the guide (then &lt;/think&gt; is forced); null takes the task's, else what the length limit leaves.</summary>
    [Range(0, 1 << 16)]
    public int? MaxThinkTokens { get; set; }

    /// <summary>Longest answer under the guide (after it, &lt;/answer&gt; is forced); null takes the task's.</summary>
    [Range(1, 1 << 16)]
    public int? MaxAnswerTokens { get; set; }

    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
