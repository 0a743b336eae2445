using System.Text;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Execution;

/// <summary>
/// A custom checker in its own container: one prepare (its files and its one compilation), then one run per test with
/// <c>input.txt</c>, <c>output.txt</c> and <c>answer.txt</c> written fresh into its directory before the run starts
/// (the checker's own earlier runs may have changed or linked them), then the finish. Nothing here touches the
/// candidate's container: the expected answers reach only the checker's.
/// </summary>
internal sealed class CheckerRunner(SandboxContainer container, SandboxProgram program, ResolvedLimits limits, int checks, bool scrub)
{
    private readonly RunLimits _limits = limits.ForJudging();

    /// <summary>The program's own files plus the caller's (a testlib.h); a caller's file never replaces one of the program's.</summary>
    public static string? Collision(SandboxProgram program, CustomChecker checker) =>
        checker.Files.Keys.FirstOrDefault(program.Files.ContainsKey) is { } name ? $"the checker file '{name}' collides with the checker program's own file" : null;

    /// <summary>Writes the files and compiles; the reason the checker cannot run, or null.</summary>
    public async Task<string?> PrepareAsync(CustomChecker checker, CancellationToken cancellationToken)
    {
        var files = program.Files.Concat(checker.Files).ToDictionary(f => f.Key, f => Convert.ToBase64String(f.Value));
        var argv = program.Runner.Argv.Concat(CustomChecker.ArgumentFiles).ToList();
        var prepare = new PrepareMessage(
            files,
            program.Environment,
            new RunnerMessage(SubmissionRunner.RunnerName(program.Runner.Kind), argv, program.Runner.ReportsSyntax),
            limits.ToMessage(checks),
            SubmissionRunner.CompileMessageFor(program.Compile, limits),
            Test: null,
            Finish: null);
        var timeout = TimeSpan.FromMilliseconds(limits.CompileWallMs + SandboxOptions.ExchangeAllowanceMs);
        var prepared = SubmissionRunner.Expect(await container.Channel.ExchangeAsync(prepare, timeout, cancellationToken).ConfigureAwait(false), "prepared");
        if (prepared.Compile is not { } compile)
        {
            return null;
        }

        if (SubmissionRunner.IsToolchainFailure(program.Compile, compile))
        {
            return "the checker's toolchain failed";
        }

        return SubmissionRunner.CompileFailure(compile, limits) is { } error ? $"the checker does not compile: {error}" : null;
    }

    /// <summary>One check: what the checker's exit says about the candidate's output.</summary>
    public async Task<CheckerExit> CheckAsync(string input, byte[] output, string answer, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>
        {
            [CustomChecker.ArgumentFiles[0]] = Convert.ToBase64String(Encoding.UTF8.GetBytes(input)),
            [CustomChecker.ArgumentFiles[1]] = Convert.ToBase64String(output),
            [CustomChecker.ArgumentFiles[2]] = Convert.ToBase64String(Encoding.UTF8.GetBytes(answer)),
        };
        var run = new RunMessage("", null) { Files = files };
        var reply = SubmissionRunner.Expect(await container.Channel.ExchangeAsync(run, limits.ExchangeTimeout, cancellationToken).ConfigureAwait(false), "result");
        var stdout = Encoding.UTF8.GetString(Convert.FromBase64String(reply.Stdout ?? ""));
        if (RunClassifier.Classify(reply.ToProgramRun() with { ExitCode = 0, Signal = null }, _limits) is { } limit)
        {
            // Its own limits, never the candidate's: a checker that loops or floods is broken, whatever it was given.
            return new CheckerExit(null, $"checker: {limit.Reason}");
        }

        return reply switch
        {
            { Signal: { } signal } => new CheckerExit(null, $"checker: killed by {SignalNames.Name(signal)}"),
            { ExitCode: { } code } => CheckerExit.FromExitCode(code, stdout, reply.Stderr ?? ""),
            _ => new CheckerExit(null, "checker: it did not finish"),
        };
    }

    /// <summary>Ends the session; whether the container is clean enough to serve the same key's checkers again.</summary>
    public async Task<bool> FinishAsync(CancellationToken cancellationToken) =>
        SubmissionRunner.Expect(await container.Channel.ExchangeAsync(new FinishMessage(scrub), limits.ExchangeTimeout, cancellationToken).ConfigureAwait(false), "finished").Clean;
}
