using System.Collections.Frozen;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verifier.Contracts;
using Verifier.Core.Scoring;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Core.Code.Files;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox;
using Verifier.Service.Limits;
using CoreLimits = Verifier.Core.Code.CodeLimits;
using CoreTests = Verifier.Core.Code.CodeTests;
using WireTests = Verifier.Contracts.CodeTests;

namespace Verifier.Service.Scoring;

/// <summary>Maps validated wire items onto sandbox requests, and sandbox verdicts back onto wire results.</summary>
internal sealed class SandboxCodeScorer(ICodeSandbox sandbox) : ICodeScorer
{
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Languages { get; } = sandbox.Languages.ToFrozenDictionary(
        l => l.Name,
        l => (IReadOnlySet<string>)new SortedSet<string>(l.TestKinds, StringComparer.Ordinal),
        StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ReservedPaths { get; } =
        sandbox.Languages.ToFrozenDictionary(l => l.Name, l => l.ReservedPaths, StringComparer.Ordinal);

    public IReadOnlyList<LanguageDescription> Describe() =>
        [.. sandbox.Languages.Select(l => new LanguageDescription { Name = l.Name, Version = l.Version, TestKinds = l.TestKinds })];

    public async Task<CodeOutcome> ScoreAsync(CodeSpec spec, string completion, string isolationKey, CancellationToken cancellationToken)
    {
        var request = new CodeRequest
        {
            Language = spec.Language,
            Completion = completion,
            Tests = ToSandbox(spec.Tests),
            Limits = spec.Limits is { } limits ? ToCore(limits) : null,
            Scoring = JudgingValidation.ModeOf(spec.Scoring),
            Weights = spec.Scoring == ScoringModes.Weighted ? [.. spec.Tests.Cases!.Select(c => c.Weight ?? 1)] : null,
            Subtasks = spec.Scoring == ScoringModes.Subtasks ? [.. spec.Tests.Subtasks!.Select(JudgingValidation.ToCore)] : null,
            RunAllTests = spec.RunAllTests ?? false,
            IsolationKey = isolationKey,
            Files = FilesValidation.ToCore(spec.Files),
            FetchFiles = spec.FetchFiles ?? [],
            CompileOptions = FilesValidation.ToCore(spec.CompileOptions),
        };

        var verdict = await sandbox.VerifyAsync(request, cancellationToken).ConfigureAwait(false);
        var detail = new CodeDetail
        {
            Verdict = verdict.Verdict.ToWireName(),
            PassFraction = verdict.PassFraction,
            TestsRun = verdict.TestsRun,
            TestsTotal = verdict.TestsTotal,
            CompileMs = verdict.CompileMs,
            CpuMs = verdict.CpuMs,
            WallMs = verdict.WallMs,
            Tests = TestOutcomes(verdict),
            Files = spec.FetchFiles is null ? null : FetchedFiles(verdict),
            Subtasks = verdict.Subtasks?.Select(s => new SubtaskOutcome
            {
                Name = s.Name,
                Points = s.Points,
                Score = s.Score,
                Verdict = s.Verdict?.ToWireName() ?? Verdicts.NotRun,
                FailedTest = s.FailedTest,
                Tests = s.Tests,
                Skipped = s.Skipped,
            }).ToList(),
        };
        return new CodeOutcome(verdict.Reward, verdict.Verdict.ToWireName(), verdict.Reason, detail);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var health = await sandbox.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["engineReachable"] = health.EngineReachable,
            ["runtime"] = health.Runtime ?? "unresolved",
            ["warmContainers"] = health.WarmContainers,
            ["liveContainers"] = health.LiveContainers,
        };
        if (health.Engines.Count > 1)
        {
            // A fleet is ready while one engine is; which ones are not is said here, not hidden.
            data["engines"] = health.Engines.ToDictionary(e => e.Name, e => (object)(e.Healthy ? $"up, {e.InUse}/{e.Capacity} in use" : $"down: {e.Reason}"));
        }

        return health.Healthy
            ? HealthCheckResult.Healthy(health.Reason is null
                ? $"engine reachable, runtime {health.Runtime}, {health.Images.Count} image(s) present"
                : $"ready on {health.Engines.Count(e => e.Healthy)} of {health.Engines.Count} engines; {health.Reason}", data)
            : HealthCheckResult.Unhealthy(health.Reason ?? "the sandbox is not ready", data: data);
    }

    /// <summary>The tests that ran, and under subtask scoring a <c>skipped</c> entry for each one a failure skipped, in test order.</summary>
    private static List<TestOutcome> TestOutcomes(CodeVerdict verdict)
    {
        var ran = verdict.Tests.Select(t => new TestOutcome
        {
            Index = t.Index,
            Verdict = t.Verdict.ToWireName(),
            CpuMs = t.CpuMs,
            WallMs = t.WallMs,
            Reason = t.Reason,
            Score = t.Score,
        });
        if (verdict.Subtasks is not { } subtasks)
        {
            return [.. ran];
        }

        var skipped = subtasks.Where(s => s.FailedTest is not null)
            .SelectMany(s => s.Skipped.Select(t => new TestOutcome { Index = t, Verdict = Verdicts.Skipped, Reason = $"subtask '{s.Name}' failed at test {s.FailedTest}" }));
        return [.. ran.Concat(skipped).OrderBy(t => t.Index)];
    }

    /// <summary>The validator has already checked that the fields each kind needs are present.</summary>
    private static CoreTests ToSandbox(WireTests tests) => tests.Kind switch
    {
        TestKinds.Io => new IoTests([.. tests.Cases!.Select(c => new IoCase(c.Stdin ?? "", c.Stdout!))])
        {
            Tolerance = tests.Tolerance,
            Checker = ToChecker(tests.Checker),
        },
        TestKinds.Function => new FunctionTests(tests.EntryPoint!, [.. tests.Cases!.Select(c => new FunctionCase(c.Args!.Value, c.Expected!.Value))])
        {
            Tolerance = tests.Tolerance,
        },
        TestKinds.Assert => new AssertTests(tests.EntryPoint!, tests.Code!),
        _ => throw new ArgumentOutOfRangeException(nameof(tests), tests.Kind, "unknown test kind"),
    };

    private static OutputCheck ToChecker(CheckerSpec? checker) => checker?.Type switch
    {
        null or CheckerTypes.Tokens => OutputCheck.Tokens,
        CheckerTypes.Exact => OutputCheck.Exact,
        CheckerTypes.Lines => OutputCheck.Lines,
        CheckerTypes.Float => OutputCheck.Float(checker.Absolute ?? NumericTolerance.Default, checker.Relative ?? NumericTolerance.Default),
        CheckerTypes.Unordered => OutputCheck.Unordered(checker.By == "tokens" ? UnorderedItems.Tokens : UnorderedItems.Lines),
        CheckerTypes.Custom => OutputCheck.Custom(new CustomChecker(checker.Language!, checker.Code!)
        {
            Files = CustomCheckerValidation.Decode(checker.Files),
            Limits = checker.Limits is { } limits ? new CoreLimits(limits.TimeMs, limits.MemoryMb) : null,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(checker), checker.Type, "unknown checker"),
    };

    /// <summary>The verdict's fetched files on the wire, in the order asked (shared with <c>POST /v1/run</c>).</summary>
    internal static IReadOnlyList<FetchedFileOutcome> FetchedFiles(CodeVerdict verdict) => [.. verdict.Fetched.Select(f => new FetchedFileOutcome
    {
        Path = f.Path,
        Status = f.Status.ToWireName(),
        Bytes = f.Bytes,
        Content = f.Content is null ? null : Convert.ToBase64String(f.Content),
    })];

    /// <summary>A code item's or a run's limits as the sandbox takes them.</summary>
    internal static CoreLimits ToCore(Verifier.Contracts.CodeLimits limits) => new(limits.TimeMs, limits.MemoryMb, limits.OutputKb, limits.StackMb);
}
