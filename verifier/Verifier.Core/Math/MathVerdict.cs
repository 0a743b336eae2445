namespace Verifier.Core.Math;

/// <summary>
/// The result of checking a math answer. <see cref="Correct"/> is null when undecided, which only what the answer
/// cannot cause makes so: a gold answer that is not understood, or an internal fault. An answer that does not parse,
/// spends the check's budget, or cannot be shown equivalent is wrong (a null would let a wrong answer dodge its 0).
/// </summary>
/// <param name="Correct">True or false when decided, null when undecided.</param>
/// <param name="Extracted">The answer text read from the completion, if any.</param>
/// <param name="Reason">Why the verdict is what it is (always set when not correct).</param>
public sealed record MathVerdict(bool? Correct, string? Extracted, string? Reason);
