using System.Diagnostics;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Execution;

/// <summary>What running one submission in a container produced.</summary>
internal sealed record SubmissionOutcome(IReadOnlyList<CodeTestResult> Tests, string? CompileError, double? CompileMs, bool Clean);

/// <summary>
/// Runs one prepared submission in one container: one prepare (files, and the one compilation), then its tests in order,
/// each judged here as soon as its facts arrive, stopping at the first failure unless every test must run; then a
/// finish that (in fast mode) scrubs the container and says whether it is clean enough to serve again.
/// </summary>
internal sealed class SubmissionRunner(SandboxOptions options)
{
    private const int CompileOutputBytes = 16 * 1024;
    private const int CompileErrorChars = 2_000;

    private readonly TestJudge _judge = new(new IoOutputComparer(options.NumericTolerance), new JsonValueComparer(options.NumericTolerance));

    /// <param name="beforeTests">Runs between the compilation and the first test (the pool narrows the container's memory there).</param>
    public async Task<SubmissionOutcome> RunAsync(
        SandboxContainer container,
        SandboxProgram program,
        CodeTests tests,
        ResolvedLimits limits,
        bool runAll,
        bool scrub,
        Func<CancellationToken, Task> beforeTests,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beforeTests);
        var channel = container.Channel;
        var prepare = new PrepareMessage(
            program.Files.ToDictionary(f => f.Key, f => Convert.ToBase64String(f.Value)),
            program.Environment,
            new RunnerMessage(RunnerName(program.Runner.Kind), program.Runner.Argv),
            limits.ToMessage(tests.Count),
            CompileMessageFor(program.Compile, limits));
        var prepareTimeout = TimeSpan.FromMilliseconds(limits.CompileWallMs + 10_000);
        var prepared = await channel.ExchangeAsync(prepare, prepareTimeout, cancellationToken).ConfigureAwait(false);
        Expect(prepared, "prepared");

        double? compileMs = prepared.Compile?.WallMs;
        var compileError = prepared.Compile is { } compile ? CompileFailure(compile, limits) : null;
        var results = new List<CodeTestResult>();
        if (compileError is null)
        {
            await beforeTests(cancellationToken).ConfigureAwait(false);
            await RunTestsAsync(channel, program.Runner.Kind, tests, limits, runAll, results, cancellationToken).ConfigureAwait(false);
        }

        var finished = await channel.ExchangeAsync(new FinishMessage(scrub), limits.ExchangeTimeout, cancellationToken).ConfigureAwait(false);
        Expect(finished, "finished");
        return new SubmissionOutcome(results, compileError, compileMs, finished.Clean);
    }

    private async Task RunTestsAsync(
        SupervisorChannel channel, RunnerKind runner, CodeTests tests, ResolvedLimits limits, bool runAll, List<CodeTestResult> results, CancellationToken cancellationToken)
    {
        var judging = limits.ForJudging();
        var timeout = limits.ExchangeTimeout;
        switch (tests)
        {
            case IoTests io:
                for (var i = 0; i < io.Cases.Count; i++)
                {
                    var stdin = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(io.Cases[i].Stdin));
                    var reply = await channel.ExchangeAsync(new RunMessage(stdin, null), timeout, cancellationToken).ConfigureAwait(false);
                    results.Add(_judge.Io(i, Expect(reply, "result"), io.Cases[i].Stdout, judging));
                    if (!results[^1].Passed && !runAll)
                    {
                        return;
                    }
                }

                return;

            case FunctionTests function:
                for (var i = 0; i < function.Cases.Count; i++)
                {
                    var call = new CallMessage(function.EntryPoint, function.Cases[i].Args);
                    var reply = await channel.ExchangeAsync(call, timeout, cancellationToken).ConfigureAwait(false);
                    results.Add(_judge.Function(i, Expect(reply, "result"), function.Cases[i].Expected, judging));
                    if (!results[^1].Passed && !runAll)
                    {
                        return;
                    }
                }

                return;

            case AssertTests assert when runner == RunnerKind.PythonJudge:
                var checkReply = await channel.ExchangeAsync(new CheckMessage(assert.EntryPoint, assert.Code), timeout, cancellationToken).ConfigureAwait(false);
                results.Add(_judge.PythonAssert(Expect(checkReply, "result"), judging));
                return;

            case AssertTests:
                var nonce = TestJudge.NewNonce();
                var run = new RunMessage("", Convert.ToBase64String(nonce));
                var runReply = await channel.ExchangeAsync(run, timeout, cancellationToken).ConfigureAwait(false);
                results.Add(_judge.MarkerAssert(Expect(runReply, "result"), nonce, judging));
                return;

            default:
                throw new UnreachableException($"tests of kind {tests.Kind}");
        }
    }

    private static string? CompileFailure(SupervisorReply compile, ResolvedLimits limits)
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
            return "the compiler's output exceeded its limit";
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

        return output.Length <= CompileErrorChars ? output : output[..CompileErrorChars] + "...";
    }

    private static CompileMessage? CompileMessageFor(CompileStep? step, ResolvedLimits limits)
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

    private static string RunnerName(RunnerKind kind) => kind switch
    {
        RunnerKind.Process => "process",
        RunnerKind.Rpc => "rpc",
        RunnerKind.PythonJudge => "python-judge",
        _ => throw new UnreachableException($"runner {kind}"),
    };

    private static SupervisorReply Expect(SupervisorReply reply, string op) =>
        reply.Op == op ? reply : throw new SupervisorException($"expected '{op}' from the supervisor, got '{reply.Op}'");
}
