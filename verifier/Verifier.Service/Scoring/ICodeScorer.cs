using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verifier.Contracts;
using Verifier.Core.Scoring;

namespace Verifier.Service.Scoring;

/// <summary>The service's view of the sandbox: wire types in, the accuracy component out.</summary>
internal interface ICodeScorer
{
    /// <summary>Language name to the test kinds it supports.</summary>
    IReadOnlyDictionary<string, IReadOnlySet<string>> Languages { get; }

    /// <summary>Language name to the paths its extra files may not take (the language's own files).</summary>
    IReadOnlyDictionary<string, IReadOnlySet<string>> ReservedPaths { get; }

    IReadOnlyList<LanguageDescription> Describe();

    /// <param name="isolationKey">Submissions with the same key may share a container (fast mode): one request of one tenant.</param>
    Task<CodeOutcome> ScoreAsync(CodeSpec spec, string completion, string isolationKey, CancellationToken cancellationToken);

    /// <summary>Ready when the engine answers and every language's image is present.</summary>
    Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken);
}
