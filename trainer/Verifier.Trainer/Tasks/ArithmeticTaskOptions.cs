using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Tasks;

/// <summary>Difficulty of the built-in arithmetic task.</summary>
public sealed class ArithmeticTaskOptions
{
    [Range(0, 1_000_000)]
    public int MinOperand { get; set; }

    [Range(0, 1_000_000)]
    public int MaxOperand { get; set; } = 4;

    /// <summary>Number of operands in an expression.</summary>
    [Range(2, 8)]
    public int Operands { get; set; } = 2;

    /// <summary>Operators to draw from, any of "+-*".</summary>
    [Required]
    public string Operators { get; set; } = "+";

    /// <summary>
    /// Draw the answer uniformly first, then an expression with that answer. Without it, sums of uniform
    /// operands pile up in the middle (4 is the most common of 0..4 + 0..4), and a from-scratch policy
    /// collapses onto that one answer before it learns to read the question. Applies when the expression
    /// space is small enough to enumerate (at most 200,000 expressions); larger spaces draw operands uniformly.
    /// </summary>
    public bool BalanceAnswers { get; set; } = true;

    /// <summary>
    /// Thinking budget under the format guide. 0 by default: a from-scratch policy of a hundred thousand
    /// parameters has nothing to reason with, and free-running think tokens between the question and the
    /// answer only move the answer around and slow learning (measured: see trainer/README.md). Null leaves
    /// it to the length limit.
    /// </summary>
    [Range(0, 1 << 16)]
    public int? MaxThinkTokens { get; set; } = 0;

    /// <summary>Seed of the held-out evaluation set (independent of the training seed).</summary>
    public int HeldOutSeed { get; set; } = 12345;

    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (MaxOperand < MinOperand)
        {
            throw new ValidationException("task.max_operand must be at least task.min_operand.");
        }

        if (Operators.Length == 0 || Operators.Any(c => "+-*".IndexOf(c, StringComparison.Ordinal) < 0))
        {
            throw new ValidationException($"task.operators must be made of + - * (got '{Operators}').");
        }
    }
}
