using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox;

/// <summary>
/// Judging with a custom checker, after the candidate's container is given back: holding the candidate's container
/// while waiting for the checker's could deadlock a full pool (every slot a candidate waiting for a checker). The
/// candidate's tests ran with every in-limit output passing for now; here the checker judges them in test order, and
/// the scoring plan runs again over the real verdicts, so a test the plan would have stopped or skipped is dropped
/// unchecked. Failures only ever add up along the way, so every test the plan keeps did run.
/// </summary>
internal sealed partial class CodeSandbox
{
    private async Task<IReadOnlyList<CodeTestResult>> CheckAsync(
        CodeRequest request, IoTests tests, CustomChecker checker, ScoringPlan scoring, SubmissionOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Outputs.Count == 0)
        {
            return outcome.Tests;
        }

        // The checker has a key of its own: its containers are shared with the request's other checkers, never with a candidate.
        var key = request.IsolationKey is { } candidateKey ? candidateKey + "/checker" : null;
        if (!languages.TryGet(checker.Language, out var language))
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"the checker's language '{checker.Language}' is unknown");
        }

        var limits = ResolvedLimits.From(checker.Limits, _options);
        PrepareResult prepared;
        try
        {
            prepared = await language.Language.PrepareAsync(new PrepareContext(checker.Code, new IoTests([new IoCase("", "")]), limits.TimeMs, limits.MemoryMb, key), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"the checker's {language.Name} toolchain failed: {e.Message}");
        }

        if (prepared.Program is not { } program)
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"the checker does not compile: {prepared.CompileError}");
        }

        if (CheckerRunner.Collision(program, checker) is { } collision)
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), collision);
        }

        using var lease = _options.Mode == SandboxMode.Fast && key is not null
            ? await _keyGates.EnterAsync($"{key}\n{language.Name}", cancellationToken).ConfigureAwait(false)
            : null;
        // Placed like any submission; an engine lost under a checker leaves the item unknown (below), never charged.
        if (fleet.Place(language, key, []) is not { } cell)
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"no sandbox engine for the checker: {fleet.NoEngineReason(language, [])}");
        }

        using var placed = cell.Enter();
        var pool = cell.Pool;
        SandboxContainer container;
        try
        {
            container = await pool.AcquireAsync(language, ContainerSpec.MemoryBytesFor(language, limits.MemoryMb), key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogInfraError(e, language.Name);
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"no sandbox container for the checker: {e.Message}");
        }

        var scrub = _options.Mode == SandboxMode.Fast && key is not null;
        var runner = new CheckerRunner(container, program, limits, outcome.Outputs.Count, scrub);
        try
        {
            var results = await JudgeWithAsync(runner, checker, request, tests, scoring, outcome, limits, cancellationToken).ConfigureAwait(false);
            pool.Release(container, await runner.FinishAsync(cancellationToken).ConfigureAwait(false), key);
            return results;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await pool.AbandonAsync(container).ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            // The checker's container failed (or was broken by the checker): the verdict is unknown, never the candidate's.
            LogRunFailed(e, language.Name, container.ShortId, container.Channel.StderrTail);
            await pool.AbandonAsync(container).ConfigureAwait(false);
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), $"the checker's sandbox failed: {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<CodeTestResult>> JudgeWithAsync(
        CheckerRunner runner, CustomChecker checker, CodeRequest request, IoTests tests, ScoringPlan scoring, SubmissionOutcome outcome, ResolvedLimits limits,
        CancellationToken cancellationToken)
    {
        if (await runner.PrepareAsync(checker, cancellationToken).ConfigureAwait(false) is { } broken)
        {
            return Failed(outcome.Tests, outcome.Outputs.Keys.Min(), broken);
        }

        var judged = new List<CodeTestResult>();
        var budget = new TestBudget(limits.TestBudget);
        foreach (var ran in outcome.Tests)
        {
            var step = scoring.Next(ran.Index, judged, request.RunAllTests);
            if (step == TestStep.Stop)
            {
                break;
            }

            if (step == TestStep.Skip)
            {
                continue;
            }

            if (!outcome.Outputs.TryGetValue(ran.Index, out var output))
            {
                judged.Add(ran); // it failed its own limits: its verdict stands, and no checker ran for it
                continue;
            }

            if (budget.Spent)
            {
                judged.Add(Failure(ran.Index, $"the checks used up the item's time budget ({limits.TestBudget.TotalSeconds:0.#} s)"));
                break;
            }

            var testCase = tests.Cases[ran.Index];
            var exit = await runner.CheckAsync(testCase.Stdin, output, testCase.Stdout, cancellationToken).ConfigureAwait(false);
            if (exit.Verdict is not { } verdict)
            {
                judged.Add(Failure(ran.Index, exit.Reason));
                break;
            }

            judged.Add(ran with { Verdict = verdict, Reason = verdict == CodeVerdictKind.Accepted && exit.Score is null ? null : exit.Reason, Score = exit.Score });
        }

        return judged;
    }

    /// <summary>The checker could not judge: the results so far plus an infrastructure failure, which makes the reward null.</summary>
    private static IReadOnlyList<CodeTestResult> Failed(IReadOnlyList<CodeTestResult> ran, int index, string reason) =>
        [.. ran.Where(r => r.Index < index), Failure(index, reason)];

    private static CodeTestResult Failure(int index, string reason) => new()
    {
        Index = index,
        Verdict = CodeVerdictKind.InfraError,
        Reason = $"the custom checker failed on test {index}: {reason}",
    };
}
