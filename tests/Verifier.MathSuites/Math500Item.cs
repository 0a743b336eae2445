using System.Text.Json;

namespace Verifier.MathSuites;

/// <summary>A MATH-500 problem: its statement, worked solution (ending in \boxed{...}) and gold answer.</summary>
public sealed record Math500Item(string Problem, string Solution, string Answer)
{
    public static IReadOnlyList<Math500Item> Load(string path) =>
        [.. File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
        {
            using var document = JsonDocument.Parse(l);
            var root = document.RootElement;
            return new Math500Item(root.GetProperty("problem").GetString()!, root.GetProperty("solution").GetString()!, root.GetProperty("answer").GetString()!);
        })];

    /// <summary>An R1-style completion that reasons, then states the given answer in a box.</summary>
    public static string Completion(string problem, string answer) =>
        "<think>\nThe problem: " + problem + "\nLet me work it out step by step and check the result.\n</think>\n" +
        "Working through the problem carefully, the final answer is $\\boxed{" + answer + "}$.";

    /// <summary>An R1-style completion whose visible part is the reference solution.</summary>
    public string SolutionCompletion() => "<think>\n" + Problem + "\n</think>\n" + Solution;
}
