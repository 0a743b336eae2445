using Verifier.Core.Code.Files;

namespace Verifier.Core.Code;

/// <summary>One program to run as it is, with no tests (a raw run): what it printed comes back, judged only against its limits.</summary>
public sealed record CodeRun
{
    /// <summary>A language name from the sandbox's registry.</summary>
    public required string Language { get; init; }

    /// <summary>The source, as it is.</summary>
    public required string Code { get; init; }

    public string Stdin { get; init; } = "";

    public CodeLimits? Limits { get; init; }

    /// <summary>As <see cref="CodeRequest.Files"/>.</summary>
    public IReadOnlyList<CodeFile> Files { get; init; } = [];

    /// <summary>As <see cref="CodeRequest.FetchFiles"/>: the verdict's <see cref="CodeVerdict.Fetched"/>.</summary>
    public IReadOnlyList<string> FetchFiles { get; init; } = [];

    public CompileOptions? CompileOptions { get; init; }

    /// <summary>As <see cref="CodeRequest.IsolationKey"/>: who may share a container with this run in fast mode.</summary>
    public string? IsolationKey { get; init; }
}
