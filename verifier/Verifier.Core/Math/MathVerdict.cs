namespace Verifier.Core.Math;

/// <summary>
/// The result of checking a math answer. <see cref="Correct"/> is null when undecided (no parse, budget
/// spent, a comparison that could not be settled): an undecided check is never reported as correct.
/// </summary>
/// <param name="Correct">True or false when decided, null when undecided.</param>
/// <param name="Extracted">The answer text read from the completion, if any.</param>
/// <param name="Reason">Why the verdict is what it is (always set when not correct).</param>
public sealed record MathVerdict(bool? Correct, string? Extracted, string? Reason);
