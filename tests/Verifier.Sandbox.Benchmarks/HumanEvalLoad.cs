using System.IO.Compression;
using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// Realistic load: the 164 HumanEval problems (canonical solutions, assert tests) submitted at once, as one request
/// to the service would, against the same checks as bare <c>python3</c> processes (prompt, solution, tests and
/// <c>check(entry_point)</c> in one process: the physical limit, with no judge outside the candidate's process).
/// </summary>
internal static class HumanEvalLoad
{
    /// <param name="Checks">The prompt in front of the test, as the dataset adapters send it: the test's helpers (HumanEval/32's <c>poly</c>) are the prompt's.</param>
    public sealed record Problem(string TaskId, string Program, string Test, string Checks, string EntryPoint);

    /// <summary>HumanEval.jsonl.gz from ../shared/data/code (or $VERIFIER_SHARED_DIR/data/code); null when absent.</summary>
    /// <param name="importNumpy">Each check starts with <c>import numpy as np</c>, as HumanEval+'s and MBPP+'s do (evalplus
    /// compares floats with <c>np.testing</c>): what a numpy-importing check costs the judge.</param>
    public static IReadOnlyList<Problem>? Load(bool importNumpy = false)
    {
        var shared = Environment.GetEnvironmentVariable("VERIFIER_SHARED_DIR");
        var candidates = new[] { shared, FindUp("shared") }.Where(d => d is not null).Select(d => Path.Combine(d!, "data", "code", "HumanEval.jsonl.gz"));
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var problems = new List<Problem>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var prompt = root.GetProperty("prompt").GetString()!;
            var test = (importNumpy ? "import numpy as np\n" : "") + root.GetProperty("test").GetString()!;
            problems.Add(new Problem(
                root.GetProperty("task_id").GetString()!,
                prompt + root.GetProperty("canonical_solution").GetString()!,
                test,
                prompt + "\n" + test,
                root.GetProperty("entry_point").GetString()!));
        }

        return problems;
    }

    /// <summary>All problems in flight at once through <paramref name="sandbox"/> (null: bare processes); one measurement.</summary>
    public static Task<Measurement> RunAsync(IReadOnlyList<Problem> problems, string mode, ICodeSandbox? sandbox)
    {
        var next = -1;
        Func<CancellationToken, Task<bool>> submit = sandbox is null
            ? ct => RunBareAsync(problems[Interlocked.Increment(ref next) % problems.Count], ct)
            : async ct =>
            {
                var problem = problems[Interlocked.Increment(ref next) % problems.Count];
                var verdict = await sandbox.VerifyAsync(
                    new CodeRequest { Language = "python", Code = problem.Program, Tests = new AssertTests(problem.EntryPoint, problem.Checks), IsolationKey = "humaneval-request" },
                    ct);
                return verdict.Verdict == CodeVerdictKind.Accepted;
            };
        return Measurement.RunAsync("humaneval", 1, problems.Count, mode, problems.Count, TimeSpan.FromMinutes(5), submit);
    }

    private static async Task<bool> RunBareAsync(Problem problem, CancellationToken cancellationToken)
    {
        string[] argv = [BareProcessRunner.Python, "-c", $"{problem.Program}\n\n{problem.Test}\n\ncheck({problem.EntryPoint})\n"];
        var (exitCode, _) = await BareProcessRunner.RunProcessAsync(argv, Path.GetTempPath(), "", cancellationToken);
        return exitCode == 0;
    }

    private static string? FindUp(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(Path.Combine(candidate, "data")))
            {
                return candidate;
            }
        }

        return null;
    }
}
