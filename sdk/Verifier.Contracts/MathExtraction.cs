namespace Verifier.Contracts;

/// <summary>The values of <see cref="MathSpec.Extract"/>: where the answer is in the completion.</summary>
public static class MathExtraction
{
    /// <summary>The default: the completion is a model's full output, and the answer is read from it (\boxed{}, "final answer is", ...).</summary>
    public const string Completion = "completion";

    /// <summary>The completion is the answer itself, LaTeX or plain ("\frac{1}{2}", "$x = 3$"); nothing is extracted.</summary>
    public const string Answer = "answer";

    public static bool IsKnown(string? value) => value is null or Completion or Answer;
}
