using Verifier.Core.Code;

namespace Verifier.Sandbox;

/// <summary>Runs untrusted programs against tests in throwaway Docker containers.</summary>
public interface ICodeSandbox
{
    /// <summary>The languages that can run, with their versions and test kinds (for <c>GET /v1/languages</c>).</summary>
    IReadOnlyList<LanguageInfo> Languages { get; }

    /// <summary>
    /// Judges one submission. Never throws because of what the code does; an infrastructure failure is a verdict of
    /// <c>infra_error</c> with a null reward. Throws <see cref="CodeRequestException"/> for a malformed request, and
    /// <see cref="OperationCanceledException"/> on cancellation, after killing and removing the submission's container.
    /// </summary>
    Task<CodeVerdict> VerifyAsync(CodeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one program with no tests (<c>POST /v1/run</c>), under the same containment and limits as a submission. The
    /// verdict is judged against the limits only: <c>accepted</c> when it exited 0 within them; its one test result
    /// holds the whole stdout (up to the output limit) and stderr (up to its cap), the exit code, signal, time and
    /// memory. Compile errors and infrastructure errors come back as for <see cref="VerifyAsync"/>.
    /// </summary>
    Task<CodeVerdict> RunAsync(CodeRun run, CancellationToken cancellationToken = default);

    /// <summary>Whether the engine answers and every language's image is present (for <c>/health/ready</c>).</summary>
    Task<SandboxHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}
