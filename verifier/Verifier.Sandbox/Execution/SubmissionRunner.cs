using System.Diagnostics;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Core.Code.Files;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Execution;

/// <summary>What running one submission in a container produced.</summary>
/// <param name="Outputs">
/// Under a custom checker, the whole stdout of each test that ran within its limits (by test index), for the checker
/// to judge after the candidate's container is given back; else empty.
/// </param>
internal sealed record SubmissionOutcome(IReadOnlyList<CodeTestResult> Tests, string? CompileError, double? CompileMs, bool Clean)
{
    public IReadOnlyDictionary<int, byte[]> Outputs { get; init; } = new Dictionary<int, byte[]>();

    /// <summary>The fetched files, in the order asked.</summary>
    public IReadOnlyList<FetchedFile> Fetched { get; init; } = [];
}

/// <summary>
/// The container failed before the submission's first exchange completed (e.g. a warm container that died while
/// idle). Nothing of the submission ran, so it can safely run again in another container.
/// </summary>
internal sealed class ContainerLostException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The compile step said its own tools failed (<see cref="CommandCompileStep.ToolchainFailureExitCode"/>): nothing the
/// submission did, so an infrastructure error and not a compile error; the container is not trusted again.
/// </summary>
internal sealed class ToolchainFailedException(string message) : Exception(message);

/// <summary>
/// Runs one prepared submission in one container: one prepare (files, and the one compilation), then its tests in order,
/// each judged here as soon as its facts arrive, running, skipping or stopping as the scoring plan says (binary scoring
/// stops at the first failure, subtask scoring skips the rest of a failed subtask); then a finish that (in fast mode)
/// scrubs the container and says whether it is clean enough to serve again.
/// </summary>
internal sealed class SubmissionRunner(SandboxOptions options)
{
    private const int CompileOutputBytes = 16 * 1024;
    private const int CompileErrorChars = 2_000;

    // Per submission: a test set may state its own tolerance, which replaces the configured one (NumberRule.For), and
    // io tests their own checker.
    private TestJudge JudgeFor(CodeTests tests, bool wholeOutput)
    {
        var numbers = NumberRule.For(tests, options.NumericTolerance);
        if (wholeOutput)
        {
            return new TestJudge(AnyOutput.Instance, new JsonValueComparer(numbers), excerptChars: int.MaxValue);
        }

        // A custom checker judges later, in its own container: here every output within the limits passes for now.
        var output = tests switch
        {
            IoTests { Checker.Kind: CheckerKind.Custom } => AnyOutput.Instance,
            IoTests io => io.Checker.Create(numbers),
            _ => new IoOutputComparer(numbers),
        };
        return new TestJudge(output, new JsonValueComparer(numbers));
    }

    /// <param name="wholeOutput">A raw run: every output passes, and stdout and stderr are kept whole (up to their caps).</param>
    /// <param name="afterCompile">
    /// When set, the compilation gets a round trip of its own and this runs between it and the first test (the sandbox
    /// shrinks the container from the compiler's memory to the program's there); a result it returns is the first
    /// test's verdict, and no test runs.
    /// </param>
    public async Task<SubmissionOutcome> RunAsync(
        SandboxContainer container,
        SandboxProgram program,
        CodeTests tests,
        IReadOnlyList<string> fetch,
        ResolvedLimits limits,
        ScoringPlan scoring,
        bool runAll,
        bool scrub,
        Func<CancellationToken, Task<CodeTestResult?>>? afterCompile,
        bool wholeOutput,
        CancellationToken cancellationToken)
    {
        var channel = container.Channel;
        var plan = new TestPlan(tests, program.Runner.Kind, limits, new FinishRequest(scrub), JudgeFor(tests, wholeOutput));
        var last = plan.Count - 1;
        var compileAlone = afterCompile is not null && program.Compile is not null;

        // One round trip for the files, the compilation and the first test (and the finish, for a one-test submission).
        var prepare = new PrepareMessage(
            program.Files.ToDictionary(f => f.Key, f => Convert.ToBase64String(f.Value)),
            program.Environment,
            new RunnerMessage(RunnerName(program.Runner.Kind), program.Runner.Argv, program.Runner.ReportsSyntax),
            limits.ToMessage(tests.Count),
            CompileMessageFor(program.Compile, limits),
            compileAlone ? null : plan.Message(0, last: last == 0),
            last == 0 && !compileAlone ? plan.Finish : null)
        {
            Fetch = fetch.Count == 0 ? null : new FetchMessage(fetch, options.FetchFileKb * 1024L, options.FetchTotalKb * 1024L),
        };
        var prepareTimeout = TimeSpan.FromMilliseconds(limits.CompileWallMs + limits.WallMs + SandboxOptions.ExchangeAllowanceMs);
        SupervisorReply prepared;
        try
        {
            prepared = Expect(await channel.ExchangeAsync(prepare, prepareTimeout, cancellationToken).ConfigureAwait(false), "prepared");
        }
        catch (SupervisorException e) when (!channel.HasSpoken)
        {
            throw new ContainerLostException($"container {container.ShortId} was lost before the submission started: {e.Message}", e);
        }

        if (prepared.Compile is { } compiled && IsToolchainFailure(program.Compile, compiled))
        {
            throw new ToolchainFailedException($"the compile step's toolchain failed in container {container.ShortId}: {Truncate((compiled.Output ?? "").Trim())}");
        }

        double? compileMs = prepared.Compile?.WallMs;
        var compileError = prepared.Compile is { } compile ? CompileFailure(compile, limits) : null;
        var results = new List<CodeTestResult>();
        var outputs = new Dictionary<int, byte[]>();
        var keepOutputs = !wholeOutput && tests is IoTests { Checker.Kind: CheckerKind.Custom };
        long kept = 0;
        void Judged(int index, SupervisorReply reply)
        {
            var result = plan.Judge(index, reply);
            if (keepOutputs && result.Passed)
            {
                // Held in this process until the checker runs: bounded per item, or a submission printing up to its
                // output limit in each of 512 tests would hold half a gigabyte here.
                var output = Convert.FromBase64String(reply.Stdout ?? "");
                kept += output.Length;
                if (kept > options.CheckedOutputsMb * 1024L * 1024)
                {
                    result = result with
                    {
                        Verdict = CodeVerdictKind.OutputLimit,
                        Reason = $"the outputs a custom checker judges may hold {options.CheckedOutputsMb} MB for all of an item's tests together",
                    };
                }
                else
                {
                    outputs[index] = output;
                }
            }

            results.Add(result);
        }

        var finished = prepared.Finished;
        if (compileError is null)
        {
            var budget = new TestBudget(limits.TestBudget);
            var first = 0;
            if (!compileAlone)
            {
                Judged(0, prepared.Result ?? throw new SupervisorException("the supervisor compiled but did not run the first test"));
                first = 1;
            }
            else if (await afterCompile!(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                results.Add(refused);
                first = last + 1;
            }

            for (var i = first; i <= last; i++)
            {
                var step = scoring.Next(i, results, runAll);
                if (step == TestStep.Stop)
                {
                    break;
                }

                if (step == TestStep.Skip)
                {
                    continue;
                }

                if (budget.Spent)
                {
                    // The submission spent its tests' budget: that is its verdict, and the tests left do not run.
                    results.Add(budget.Exhausted(i));
                    break;
                }

                var reply = await channel.ExchangeAsync(plan.Message(i, last: i == last), limits.ExchangeTimeout, cancellationToken).ConfigureAwait(false);
                Judged(i, reply);
                finished = reply.Finished;
            }
        }

        // Stopped early (or a compile error): the finish did not ride on a test.
        finished ??= Expect(await channel.ExchangeAsync(new FinishMessage(scrub), limits.ExchangeTimeout, cancellationToken).ConfigureAwait(false), "finished");
        return new SubmissionOutcome(results, compileError, compileMs, finished.Clean) { Outputs = outputs, Fetched = Fetched(finished, fetch) };
    }

    /// <summary>The finish's files, checked against what was asked: a supervisor that answers for other paths is broken.</summary>
    private static List<FetchedFile> Fetched(SupervisorReply finished, IReadOnlyList<string> fetch)
    {
        var replies = finished.Fetched ?? [];
        if (replies.Count != fetch.Count || replies.Where((f, i) => f.Path != fetch[i]).Any())
        {
            throw new SupervisorException($"the supervisor fetched {replies.Count} files for the {fetch.Count} asked");
        }

        return [.. replies.Select(f => new FetchedFile(f.Path, FetchStatusNames.Parse(f.Status), f.Bytes, f.Content is null ? null : Convert.FromBase64String(f.Content)))];
    }

    internal static string? CompileFailure(SupervisorReply compile, ResolvedLimits limits)
    {
        if (compile.StoppedFor is "cpu" or "wall")
        {
            return $"compilation exceeded its time limit ({limits.Options.CompileTimeMs} ms)";
        }

        if (compile.OomKilled)
        {
            return "compilation ran out of memory";
        }

        if (compile.StoppedFor == "output")
        {
            // Stopped for its flood of diagnostics: the first of them say what was wrong.
            var head = (compile.Output ?? "").Trim();
            return head.Length == 0 ? "the compiler's output exceeded its limit" : $"the compiler's output exceeded its limit; it began:\n{Truncate(head)}";
        }

        if (compile.ExitCode == 0)
        {
            return null;
        }

        var output = (compile.Output ?? "").Trim();
        if (output.Length == 0)
        {
            output = compile.Signal is { } signal ? $"the compiler was killed by {SignalNames.Name(signal)}" : $"the compiler exited with code {compile.ExitCode}";
        }

        return Truncate(output);
    }

    private static string Truncate(string output) => output.Length <= CompileErrorChars ? output : output[..CompileErrorChars] + "...";

    // A step stopped by its limits exited with no code of its own, so only a clean exit with the agreed code counts.
    internal static bool IsToolchainFailure(CompileStep? step, SupervisorReply compile) =>
        step is CommandCompileStep { ToolchainFailureExitCode: { } code }
        && compile is { StoppedFor: null, OomKilled: false, ExitCode: { } exitCode }
        && exitCode == code;

    internal static CompileMessage? CompileMessageFor(CompileStep? step, ResolvedLimits limits)
    {
        var cpu = (double)limits.Options.CompileTimeMs;
        return step switch
        {
            null => null,
            CommandCompileStep command => new CompileMessage("command", command.Argv, null, cpu, limits.CompileWallMs, CompileOutputBytes),
            PythonSyntaxCheck syntax => new CompileMessage("python-syntax", null, syntax.File, cpu, limits.CompileWallMs, CompileOutputBytes),
            _ => throw new UnreachableException($"compile step {step.GetType().Name}"),
        };
    }

    internal static string RunnerName(RunnerKind kind) => kind switch
    {
        RunnerKind.Process => "process",
        RunnerKind.Rpc => "rpc",
        RunnerKind.PythonJudge => "python-judge",
        _ => throw new UnreachableException($"runner {kind}"),
    };

    internal static SupervisorReply Expect(SupervisorReply reply, string op) =>
        reply.Op == op ? reply : throw new SupervisorException($"expected '{op}' from the supervisor, got '{reply.Op}'");
}
