using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox;

/// <summary>
/// The sandbox: extracts the code, has its language prepare it, runs it in a container from the pool, and judges each
/// test outside the container. Every path out of a run gives the container back or removes it.
/// </summary>
internal sealed partial class CodeSandbox(
    LanguageRegistry languages,
    EngineFleet fleet,
    IOptions<SandboxOptions> options,
    SandboxMetrics metrics,
    TimeProvider time,
    ILogger<CodeSandbox> logger) : ICodeSandbox
{
    private readonly SandboxOptions _options = options.Value;
    private readonly SubmissionRunner _runner = new(options.Value);
    private readonly KeyGates _keyGates = new(options.Value.EffectiveFastContainersPerKey);

    public IReadOnlyList<LanguageInfo> Languages => languages.Infos;

    public Task<CodeVerdict> VerifyAsync(CodeRequest request, CancellationToken cancellationToken = default) =>
        VerifyAsync(request, wholeOutput: false, cancellationToken);

    public Task<CodeVerdict> RunAsync(CodeRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var request = new CodeRequest
        {
            Language = run.Language,
            Code = run.Code,
            Tests = new IoTests([new IoCase(run.Stdin, "")]),
            Limits = run.Limits,
            IsolationKey = run.IsolationKey,
            Files = run.Files,
            FetchFiles = run.FetchFiles,
            CompileOptions = run.CompileOptions,
        };
        return VerifyAsync(request, wholeOutput: true, cancellationToken);
    }

    /// <param name="wholeOutput">A raw run: no comparison, and stdout and stderr come back whole (up to their caps).</param>
    private async Task<CodeVerdict> VerifyAsync(CodeRequest request, bool wholeOutput, CancellationToken cancellationToken)
    {
        var language = CodeRequestValidator.Validate(request, languages, _options);
        var started = time.GetTimestamp();
        var verdict = await JudgeAsync(request, language, wholeOutput, cancellationToken).ConfigureAwait(false);
        var wallMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        verdict = verdict with { WallMs = wallMs, Language = language.Name, TestsTotal = request.Tests.Count };
        if (verdict.Fetched.Count == 0 && request.FetchFiles.Count > 0)
        {
            // Nothing ran in a container (no code, a compile error found in the verifier, an infrastructure error):
            // every path asked for is still answered, so a caller can read the list by position.
            verdict = verdict with { Fetched = [.. request.FetchFiles.Select(path => new FetchedFile(path, FetchStatus.Missing, null, null))] };
        }

        metrics.Judged(language.Name, verdict.Verdict, _options.Mode, wallMs);
        return verdict;
    }

    private async Task<CodeVerdict> JudgeAsync(CodeRequest request, RegisteredLanguage language, bool wholeOutput, CancellationToken cancellationToken)
    {
        string code;
        if (request.Code is not null)
        {
            code = request.Code;
        }
        else
        {
            var extraction = CodeExtractor.Extract(request.Completion, language.Language.FenceTags);
            if (!extraction.Found)
            {
                return CodeVerdict.NoCode(language.Name, extraction.Reason!);
            }

            code = extraction.Code!;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return CodeVerdict.NoCode(language.Name, "the code is empty");
        }

        if (Encoding.UTF8.GetByteCount(code) > _options.MaxCodeKb * 1024)
        {
            return CompileError(code, $"the source exceeds {_options.MaxCodeKb} KB", null);
        }

        var limits = ResolvedLimits.From(request.Limits, _options);
        PrepareResult prepared;
        try
        {
            var context = new PrepareContext(code, request.Tests, limits.TimeMs, limits.MemoryMb, request.IsolationKey)
            {
                ExtraFiles = request.Files,
                CompileOptions = request.CompileOptions,
            };
            prepared = await language.Language.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogInfraError(e, language.Name);
            return CodeVerdict.InfraError(language.Name, $"the {language.Name} toolchain failed: {e.Message}", code);
        }

        if (prepared.Program is not { } program)
        {
            return CompileError(code, prepared.CompileError, prepared.CompileMs);
        }

        if (ExtraFiles.Add(program, request.Files) is { } collision)
        {
            // Only a name the language took from the code itself (Java's public class) gets here: the fixed ones were
            // refused with the request. The submission chose that name, so the clash is its compile error.
            return CompileError(code, collision, prepared.CompileMs);
        }

        program = program with { Files = ExtraFiles.Merged(program, request.Files) };

        var verdict = await RunAsync(request, language, code, program, limits, wholeOutput, cancellationToken).ConfigureAwait(false);
        return verdict.CompileMs is null && prepared.CompileMs > 0 ? verdict with { CompileMs = prepared.CompileMs } : verdict;
    }

    private async Task<CodeVerdict> RunAsync(
        CodeRequest request, RegisteredLanguage language, string code, SandboxProgram program, ResolvedLimits limits, bool wholeOutput, CancellationToken cancellationToken)
    {
        if (_options.Mode != SandboxMode.Fast || request.IsolationKey is not { } key)
        {
            return await RunInContainerAsync(request, language, code, program, limits, wholeOutput, cancellationToken).ConfigureAwait(false);
        }

        using var lease = await _keyGates.EnterAsync($"{key}\n{language.Name}", cancellationToken).ConfigureAwait(false);
        return await RunInContainerAsync(request, language, code, program, limits, wholeOutput, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the submission on the engine placement picks. When that engine is gone under it (the run failed and the
    /// engine does not answer), nothing the submission did is judged: it runs again from the start on another engine,
    /// and only when no engine is left to take it is it an infra_error (null), never a verdict against the candidate.
    /// </summary>
    private async Task<CodeVerdict> RunInContainerAsync(
        CodeRequest request, RegisteredLanguage language, string code, SandboxProgram program, ResolvedLimits limits, bool wholeOutput, CancellationToken cancellationToken)
    {
        var lost = new List<EngineCell>();
        while (true)
        {
            if (fleet.Place(language, request.IsolationKey, lost) is not { } cell)
            {
                return CodeVerdict.InfraError(language.Name, fleet.NoEngineReason(language, lost), code);
            }

            CodeVerdict? verdict;
            using (cell.Enter())
            {
                verdict = await RunOnEngineAsync(cell, request, language, code, program, limits, wholeOutput, cancellationToken).ConfigureAwait(false);
            }

            if (verdict is not null)
            {
                return verdict;
            }

            cell.CountRerun();
            lost.Add(cell);
            LogEngineLost(cell.Name, language.Name);
        }
    }

    /// <summary>The submission's verdict from one engine, or null when that engine was lost under it.</summary>
    private async Task<CodeVerdict?> RunOnEngineAsync(
        EngineCell cell, CodeRequest request, RegisteredLanguage language, string code, SandboxProgram program, ResolvedLimits limits, bool wholeOutput, CancellationToken cancellationToken)
    {
        // The container fits the compiler as well as the program; the supervisor holds the program to its own limit.
        var memory = ContainerSpec.MemoryBytesFor(language, limits.MemoryMb);
        var scoring = ScoringPlan.For(request);
        var scrub = _options.Mode == SandboxMode.Fast && request.IsolationKey is not null;
        var pool = cell.Pool;
        SandboxContainer container;
        SubmissionOutcome outcome;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                container = await pool.AcquireAsync(language, memory, request.IsolationKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (await EngineLostAsync(cell).ConfigureAwait(false))
                {
                    return null;
                }

                LogInfraError(e, language.Name);
                return CodeVerdict.InfraError(language.Name, $"no sandbox container: {e.Message}", code);
            }

            try
            {
                // Only a container that serves no other submission is shrunk: one engine update (~40 ms) there, where
                // a reused one would pay two per submission (shrink, then grow back for the next compilation) and
                // relies on the supervisor's count of the program's memory instead.
                var shrink = !scrub && ContainerSpec.RunMemoryBytes(limits.MemoryMb) < memory ? ShrinkAfterCompile(cell.Engine, container, limits) : null;
                outcome = await _runner.RunAsync(container, program, request.Tests, request.FetchFiles, limits, scoring, request.RunAllTests, scrub, shrink, wholeOutput, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await pool.AbandonAsync(container).ConfigureAwait(false);
                throw;
            }
            catch (ContainerLostException e) when (attempt == 1)
            {
                // Nothing of the submission ran: once, try again in another container.
                LogContainerLost(e, container.ShortId);
                await pool.AbandonAsync(container).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await pool.AbandonAsync(container).ConfigureAwait(false);
                if (await EngineLostAsync(cell).ConfigureAwait(false))
                {
                    return null;
                }

                LogRunFailed(e, language.Name, container.ShortId, container.Channel.StderrTail);
                return CodeVerdict.InfraError(language.Name, $"the sandbox failed: {e.Message}", code);
            }
        }

        pool.Release(container, outcome.Clean, request.IsolationKey);
        if (outcome.CompileError is not null)
        {
            return CompileError(code, outcome.CompileError, outcome.CompileMs) with { Fetched = outcome.Fetched };
        }

        var results = request.Tests is IoTests { Checker.Program: { } checker } io && !wholeOutput
            ? await CheckAsync(request, io, checker, scoring, outcome, cancellationToken).ConfigureAwait(false)
            : outcome.Tests;
        return CodeScorer.Score(results, scoring) with
        {
            Code = code,
            CompileMs = outcome.CompileMs,
            Fetched = outcome.Fetched,
        };
    }

    /// <summary>With other engines to turn to: whether the run failed because its engine is gone (then it runs elsewhere).</summary>
    private Task<bool> EngineLostAsync(EngineCell cell) =>
        fleet.Cells.Count > 1 ? fleet.ConfirmLostAsync(cell) : Task.FromResult(false);

    /// <summary>
    /// The container was sized for the compiler; the program gets only its own limit (plus the supervisor's
    /// headroom), so memory the supervisor's watch does not see (page tables, kernel buffers) is bounded by the
    /// cgroup at the program's size, not the compiler's. A program whose files already hold more than that (a huge
    /// binary on the tmpfs) cannot be shrunk under it: that is the submission's memory_limit, not an engine failure.
    /// </summary>
    private static Func<CancellationToken, Task<CodeTestResult?>> ShrinkAfterCompile(IContainerEngine engine, SandboxContainer container, ResolvedLimits limits) => async cancellationToken =>
    {
        var bytes = ContainerSpec.RunMemoryBytes(limits.MemoryMb);
        try
        {
            await engine.UpdateMemoryAsync(container.Id, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryInUseException)
        {
            return new CodeTestResult
            {
                Index = 0,
                Verdict = CodeVerdictKind.MemoryLimit,
                Reason = $"the compiled program and its files do not fit in its memory limit ({limits.MemoryMb} MB)",
            };
        }

        container.MemoryBytes = bytes;
        return null;
    };

    private static CodeVerdict CompileError(string code, string? reason, double? compileMs) => new()
    {
        Verdict = CodeVerdictKind.CompileError,
        Reward = 0,
        Reason = reason ?? "compilation failed",
        Code = code,
        CompileMs = compileMs,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox engine '{Engine}' was lost under a {Language} submission; running it again on another engine")]
    private partial void LogEngineLost(string engine, string language);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox infrastructure failure for a {Language} submission")]
    private partial void LogInfraError(Exception exception, string language);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Container} was lost before its submission started; retrying in another")]
    private partial void LogContainerLost(Exception exception, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Language} run failed in container {Container}; supervisor stderr: {Stderr}")]
    private partial void LogRunFailed(Exception exception, string language, string container, string stderr);
}
