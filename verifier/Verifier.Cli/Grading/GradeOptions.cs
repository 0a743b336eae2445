namespace Verifier.Cli.Grading;

internal sealed record GradeOptions
{
    public required string Input { get; init; }

    public required string Output { get; init; }

    /// <summary>Adds R1's format component to the reward, as the service does for <c>format: {template: "r1"}</c>.</summary>
    public bool WithFormat { get; init; }

    /// <summary>A <c>Verifier.Contracts.MathExtraction</c> value: null reads the answer from the completion, "answer" takes the completion as the answer.</summary>
    public string? Extract { get; init; }

    /// <summary>Null for <c>grade</c>'s own rows; <see cref="MathVerifyRows.Dataset"/> for Math-Verify's test cases.</summary>
    public string? Dataset { get; init; }

    /// <summary>Verifier replicas for remote grading; empty grades in-process.</summary>
    public IReadOnlyList<Uri> Remote { get; init; } = [];

    public string? ApiKey { get; init; }

    public int BatchSize { get; init; } = 1024;

    public bool Quiet { get; init; }
}
