using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Benchmarks.MultiplE;

/// <summary>
/// Runs MultiPL-E HumanEval problems, each with one model-written chat reply, through the real service as code
/// verification requests (assert tests, the MultiPL-E layout), and reports the pass rate and verdicts per language.
/// Usage: <c>-- --multipl-e [--languages js,go] [--limit N] [--data DIR] [--out FILE] [--dump DIR] [--batch N]
/// [--concurrency N] [--time-ms N] [--memory-mb N] [--names HumanEval_0_x,...] [--set Section:Key=value]... [--dry-run]</c>.
/// </summary>
internal static class MultiplERun
{
    private const string Key = "multipl-e-key";

    public static async Task RunAsync(string[] args)
    {
        var dataDir = Option(args, "--data") ?? DefaultDataDirectory()
            ?? throw new DirectoryNotFoundException("no shared/data/code/multipl-e above this checkout; pass --data DIR");
        var languages = Option(args, "--languages")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. MultiplEAdapter.Languages.Keys];
        var limit = int.Parse(Option(args, "--limit") ?? "100000", CultureInfo.InvariantCulture);
        var names = Option(args, "--names")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var batch = int.Parse(Option(args, "--batch") ?? "4", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(args, "--concurrency") ?? "2", CultureInfo.InvariantCulture);
        var limits = new CodeLimits
        {
            TimeMs = int.Parse(Option(args, "--time-ms") ?? "10000", CultureInfo.InvariantCulture),
            MemoryMb = int.Parse(Option(args, "--memory-mb") ?? "512", CultureInfo.InvariantCulture),
        };
        var outPath = Option(args, "--out"); // JSON lines, appended
        var dumpDir = Option(args, "--dump");

        var sets = languages.Select(requested =>
        {
            // A file's code (js) or the service's name (javascript).
            var code = MultiplEAdapter.Languages.ContainsKey(requested) ? requested
                : MultiplEAdapter.Languages.FirstOrDefault(p => p.Value == requested).Key
                  ?? throw new ArgumentException($"unknown language {requested}; one of {string.Join(", ", MultiplEAdapter.Languages.Keys)}");
            var problems = Load(Path.Combine(dataDir, $"humaneval-{code}.jsonl"), code).Where(p => names is null || names.Contains(p.Name)).Take(limit).ToList();
            return (Language: MultiplEAdapter.Languages[code], Problems: problems.Select(p => (Problem: p, Adapted: MultiplEAdapter.Adapt(p))).ToList());
        }).ToList();

        if (dumpDir is not null)
        {
            Dump(dumpDir, sets.SelectMany(s => s.Problems));
        }

        foreach (var (language, problems) in sets)
        {
            var changed = problems.SelectMany(p => p.Adapted.Rules).CountBy(r => r).Select(r => $"{r.Key} {r.Value}");
            Console.WriteLine($"{language}: solution rules applied: {string.Join(", ", changed.DefaultIfEmpty("none"))}");
        }

        if (args.Contains("--dry-run"))
        {
            return; // Adapt (and --dump) only.
        }

        Console.WriteLine($"MultiPL-E HumanEval from {dataDir}: {string.Join(", ", sets.Select(s => $"{s.Language} {s.Problems.Count}"))}; " +
                          $"limits {limits.TimeMs} ms, {limits.MemoryMb} MB; {batch} items per request, {concurrency} requests in flight");

        // An instance name of its own: a verifier starting on the same engine removes the containers its name left behind.
        var settings = new Dictionary<string, string> { ["Sandbox:InstanceName"] = $"multipl-e-{Environment.ProcessId}" };
        foreach (var (key, value) in Settings(args))
        {
            settings[key] = value;
            Console.WriteLine($"service setting {key} = {value}");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(15) };
        var summaries = new List<LanguageSummary>();

        await using (var service = await ServiceProcess.StartAsync(Key, settings))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            foreach (var (language, problems) in sets)
            {
                var clock = Stopwatch.StartNew();
                var languageResults = await RunLanguageAsync(http, service.Address, problems, limits, batch, concurrency);
                summaries.Add(new LanguageSummary(language, languageResults, clock.Elapsed));
                Console.WriteLine(summaries[^1].Line());
                if (outPath is not null)
                {
                    // Per language, so a long run that stops keeps what it finished.
                    await File.AppendAllLinesAsync(outPath, languageResults.Select(r => JsonSerializer.Serialize(r, JsonOptions)));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(LanguageSummary.Header);
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary.Line());
        }

        if (outPath is not null)
        {
            Console.WriteLine($"per-problem results appended to {outPath}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static async Task<List<ProblemResult>> RunLanguageAsync(
        HttpClient http, Uri address, List<(MultiplEProblem Problem, AdaptedProblem Adapted)> problems, CodeLimits limits, int batch, int concurrency)
    {
        var batches = problems.Chunk(batch).ToArray();
        var results = new ProblemResult[problems.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                var chunk = batches[index];
                var request = new VerifyRequest
                {
                    Items = [.. chunk.Select(p => new VerifyItem
                    {
                        Id = p.Problem.Name,
                        Completion = p.Adapted.Completion,
                        Code = new CodeSpec
                        {
                            Language = p.Adapted.Language,
                            Tests = CodeTests.Assert(p.Adapted.EntryPoint, p.Adapted.Tests),
                            Limits = limits,
                        },
                    })],
                };
                var clock = Stopwatch.StartNew();
                IReadOnlyList<VerifyResult> answers;
                string? failure = null;
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(address, "v1/verify"), request, VerifierJsonContext.Default.VerifyRequest);
                    if (response.IsSuccessStatusCode)
                    {
                        answers = (await response.Content.ReadFromJsonAsync(VerifierJsonContext.Default.VerifyResponse))!.Results;
                    }
                    else
                    {
                        failure = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                        answers = [];
                    }
                }
                catch (HttpRequestException e)
                {
                    failure = e.Message;
                    answers = [];
                }

                var requestMs = clock.Elapsed.TotalMilliseconds;
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (problem, adapted) = chunk[i];
                    var answer = answers.FirstOrDefault(a => a.Index == i);
                    results[index * batch + i] = answer is null
                        ? new ProblemResult(adapted.Language, problem.Name, "request_failed", null, failure ?? "no result for this item", null, null, requestMs, adapted.Rules)
                        : ProblemResult.From(adapted, problem.Name, answer, requestMs);
                }
            }
        }));
        return [.. results];
    }

    private static IEnumerable<MultiplEProblem> Load(string path, string fileLanguage)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = JsonNode.Parse(line)!;
            yield return new MultiplEProblem(
                row["name"]!.GetValue<string>(),
                fileLanguage, // the rows' own "language" is not always the code (Go's is "go_test.go")
                row["prompt"]!.GetValue<string>(),
                row["tests"]!.GetValue<string>(),
                row["gpt_solution"]!.GetValue<string>());
        }
    }

    /// <summary>Writes what the service receives per problem (the completion and the tests), for reading the adapter's work.</summary>
    private static void Dump(string directory, IEnumerable<(MultiplEProblem Problem, AdaptedProblem Adapted)> problems)
    {
        foreach (var (problem, adapted) in problems)
        {
            var folder = Path.Combine(directory, adapted.Language);
            Directory.CreateDirectory(folder);
            var text = new StringBuilder()
                .Append("// rules: ").AppendJoin(", ", adapted.Rules).Append("; entry point: ").Append(adapted.EntryPoint).Append('\n')
                .Append("// ===== completion\n").Append(adapted.Completion).Append('\n')
                .Append("// ===== tests\n").Append(adapted.Tests).Append('\n');
            File.WriteAllText(Path.Combine(folder, problem.Name + ".txt"), text.ToString());
        }
    }

    /// <summary>Service settings from every <c>--set Section:Key=value</c> (e.g. <c>--set Sandbox:CompileTimeMs=120000</c>).</summary>
    private static IEnumerable<(string Key, string Value)> Settings(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                yield return (key, value);
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>shared/data/code/multipl-e in a folder above the binaries (../shared beside a checkout or a worktree's parent).</summary>
    private static string? DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "code", "multipl-e");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>One problem's outcome, as written to the results file.</summary>
internal sealed record ProblemResult(
    string Language, string Name, string Verdict, double? Reward, string? Reason, double? ElapsedMs, double? CompileMs, double RequestMs,
    IReadOnlyList<string> Rules)
{
    private const int ReasonChars = 600;

    public static ProblemResult From(AdaptedProblem adapted, string name, VerifyResult answer, double requestMs)
    {
        var code = answer.Detail?.Code;
        var reasons = new[] { answer.Reason }.Concat(code?.Tests?.Select(t => t.Reason) ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct();
        var reason = string.Join(" | ", reasons);
        return new ProblemResult(
            adapted.Language, name, code?.Verdict ?? answer.Verdict, answer.Reward,
            reason.Length > ReasonChars ? reason[..ReasonChars] + "..." : reason.Length == 0 ? null : reason,
            answer.Detail?.ElapsedMs, code?.CompileMs, requestMs, adapted.Rules);
    }
}

/// <summary>A language's line in the results table.</summary>
internal sealed record LanguageSummary(string Language, IReadOnlyList<ProblemResult> Results, TimeSpan Elapsed)
{
    private static readonly string[] Columns =
        [Verdicts.WrongAnswer, Verdicts.CompileError, Verdicts.RuntimeError, Verdicts.TimeLimit, Verdicts.MemoryLimit, Verdicts.OutputLimit, Verdicts.NoCode];

    public const string Header = "language    problems accepted  pass %  wrong_answer compile_error runtime_error time_limit memory_limit output_limit no_code  null  p50 ms  wall s";

    public string Line()
    {
        var accepted = Results.Count(r => r.Verdict == Verdicts.Accepted);
        var counts = Columns.Select(c => Results.Count(r => r.Verdict == c)).ToList();
        var nulls = Results.Count(r => r.Reward is null);
        var elapsed = Results.Where(r => r.ElapsedMs is not null).Select(r => r.ElapsedMs!.Value).Order().ToList();
        var p50 = elapsed.Count == 0 ? double.NaN : elapsed[elapsed.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"{Language,-11} {Results.Count,8} {accepted,8} {100.0 * accepted / Math.Max(1, Results.Count),7:F1}  {counts[0],12} {counts[1],13} {counts[2],13} {counts[3],10} {counts[4],12} {counts[5],12} {counts[6],7} {nulls,5} {p50,7:F0} {Elapsed.TotalSeconds,7:F0}");
    }
}
