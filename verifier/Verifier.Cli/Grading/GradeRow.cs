using System.Text.Json;

namespace Verifier.Cli.Grading;

/// <summary>One valid input line: what to grade, where it came from, and the row's own math options if it has any.</summary>
internal sealed record GradeRow(long Line, JsonElement? Id, string Gold, string Completion, MathRowOptions? Math = null);

/// <summary>One output line. <see cref="Correct"/> and <see cref="Reward"/> are null when undecided.</summary>
internal sealed record GradeResult
{
    public long Line { get; init; }

    public JsonElement? Id { get; init; }

    public bool? Correct { get; init; }

    public double? Reward { get; init; }

    public string? Extracted { get; init; }

    public string? Reason { get; init; }

    public double? Format { get; init; }
}
