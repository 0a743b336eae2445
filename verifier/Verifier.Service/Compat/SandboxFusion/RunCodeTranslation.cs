using Verifier.Contracts;
using Verifier.Core.Code;
using Verifier.Sandbox;
using Verifier.Service.Scoring;

namespace Verifier.Service.Compat.SandboxFusion;

/// <summary>
/// SandboxFusion's run request onto one <c>/v1/run</c> item, and the item's result back into SandboxFusion's response:
/// what the program did is <c>Success</c> or <c>Failed</c> with its facts; what the service could not do is
/// <c>SandboxError</c>, never a made-up run result.
/// </summary>
internal static class RunCodeTranslation
{
    /// <summary>SandboxFusion's default for both timeouts, in seconds.</summary>
    public const double DefaultTimeoutSeconds = 10;

    /// <summary>
    /// The item the request asks for; call after <see cref="RunCodeRequestValidator"/> passed it. <c>run_timeout</c> becomes
    /// the CPU limit and is capped at the service's <c>Sandbox:MaxTimeMs</c>; <c>memory_limit_MB</c> is raised or
    /// capped into <c>Sandbox:MinMemoryMb</c>..<c>MaxMemoryMb</c> (-1: the service's default); <c>compile_timeout</c>
    /// is checked but the compilation keeps the service's own budget.
    /// </summary>
    public static RunItem ToRunItem(RunCodeRequest request, SandboxOptions sandbox)
    {
        var seconds = request.RunTimeout ?? DefaultTimeoutSeconds;
        var timeMs = (int)Math.Clamp(Math.Ceiling(seconds * 1000), 1, sandbox.MaxTimeMs);
        int? memoryMb = request.MemoryLimitMb is { } mb and > 0 ? (int)Math.Clamp(Math.Ceiling(mb), sandbox.MinMemoryMb, sandbox.MaxMemoryMb) : null;
        return new RunItem
        {
            Language = SandboxFusionLanguages.ToOurs(request.Language) ?? request.Language ?? "",
            Code = request.Code ?? "",
            Stdin = request.Stdin,
            Limits = new Contracts.CodeLimits { TimeMs = timeMs, MemoryMb = memoryMb },
            Files = request.Files is { Count: > 0 } files
                ? [.. files.Select(f => new CodeFileSpec { Path = f.Key, Content = f.Value, Encoding = FileEncodings.Base64 })]
                : null,
            FetchFiles = request.FetchFiles is { Count: > 0 } fetch ? fetch : null,
        };
    }

    public static RunCodeResponse ToResponse(RunResult result, string language)
    {
        if (result.Status is Verdicts.InfraError or Verdicts.Timeout or Verdicts.Cancelled or Verdicts.Error)
        {
            return new RunCodeResponse { Status = SandboxFusionStatus.SandboxError, Message = result.Reason ?? result.Status, Files = [] };
        }

        var files = FetchedFiles(result, out var notFetched);
        var message = string.Join("; ", new[] { result.Status == RunOutcomes.Ok ? null : result.Reason, notFetched }.Where(m => !string.IsNullOrEmpty(m)));
        if (result.Status == Verdicts.CompileError)
        {
            var failure = new CommandRunResult
            {
                Status = SandboxFusionStatus.Finished,
                ExecutionTime = Seconds(result.Compile?.TimeMs),
                ReturnCode = 1,
                Stdout = "",
                Stderr = result.Compile?.Output ?? result.Reason ?? "",
            };
            return SandboxFusionLanguages.ReportsCompilation(language)
                ? new RunCodeResponse { Status = SandboxFusionStatus.Failed, Message = message, CompileResult = failure, Files = files }
                : new RunCodeResponse { Status = SandboxFusionStatus.Failed, Message = message, RunResult = failure, Files = files };
        }

        var compile = SandboxFusionLanguages.ReportsCompilation(language) && result.Compile is { } compiled
            ? new CommandRunResult { Status = SandboxFusionStatus.Finished, ExecutionTime = Seconds(compiled.TimeMs), ReturnCode = 0, Stdout = "", Stderr = "" }
            : null;
        return new RunCodeResponse
        {
            Status = result.Status == RunOutcomes.Ok ? SandboxFusionStatus.Success : SandboxFusionStatus.Failed,
            Message = message,
            CompileResult = compile,
            RunResult = result.Run is { } run ? Step(run) : null,
            Files = files,
        };
    }

    /// <summary>
    /// A run as SandboxFusion reports one: a time limit is <c>TimeLimitExceeded</c>; every other end is <c>Finished</c>
    /// with its exit code, a signal's as Python's subprocess gives it (minus the number, -9 for a kill), which is how
    /// SandboxFusion reports a program its memory or output limits stopped.
    /// </summary>
    private static CommandRunResult Step(ProgramOutcome run) => new()
    {
        Status = run.Status == Verdicts.TimeLimit ? SandboxFusionStatus.TimeLimitExceeded : SandboxFusionStatus.Finished,
        ExecutionTime = Seconds(run.WallMs),
        ReturnCode = run.Status == Verdicts.TimeLimit ? null : ReturnCode(run),
        Stdout = run.Stdout,
        Stderr = run.Stderr,
    };

    private static int ReturnCode(ProgramOutcome run) => run switch
    {
        { Status: Verdicts.MemoryLimit or Verdicts.OutputLimit } => -9,
        { Signal: { } signal } => -(SignalNames.Number(signal) ?? 9),
        { ExitCode: { } code } => code,
        _ => -9,
    };

    /// <summary>The fetched files SandboxFusion would return (whole files), and a sentence on those it would not.</summary>
    private static Dictionary<string, string> FetchedFiles(RunResult result, out string? notFetched)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var file in result.Files ?? [])
        {
            if (file is { Status: "ok", Content: { } content })
            {
                files[file.Path] = content;
            }
            else
            {
                others.Add($"{file.Path}: {file.Status}");
            }
        }

        notFetched = others.Count == 0 ? null : "files not returned: " + string.Join(", ", others);
        return files;
    }

    private static double? Seconds(double? ms) => ms is { } value ? Math.Round(value / 1000, 6) : null;
}
