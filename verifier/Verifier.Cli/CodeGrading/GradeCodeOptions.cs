namespace Verifier.Cli.CodeGrading;

internal sealed record GradeCodeOptions
{
    /// <summary>The dataset whose rows the input holds: a name from <c>DatasetAdapters.Names</c>.</summary>
    public required string Format { get; init; }

    public required string Input { get; init; }

    public required string Output { get; init; }

    /// <summary>Verifier replicas: code runs in the service's sandbox, so there is no in-process grading.</summary>
    public required IReadOnlyList<Uri> Remote { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>The row's field holding the model's completion.</summary>
    public string CompletionField { get; init; } = "completion";

    /// <summary>The completions' language where the dataset's tests do not fix it.</summary>
    public string Language { get; init; } = "python";

    /// <summary>Rows per request; code items are slow, so smaller than <c>grade</c>'s.</summary>
    public int BatchSize { get; init; } = 64;

    public bool Quiet { get; init; }
}
