using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// Issue 14's benchmark: per language, one-test and ten-test io submissions (read two numbers, print the sum) in fast
/// mode beside the same program run bare (chrooted into the language's image, see <see cref="ChrootRunner"/>) in the
/// same run, and the compile step's wall time in both, as compiled languages' floor.
/// </summary>
internal static class LanguageLoad
{
    public static readonly IReadOnlyDictionary<string, string> Sum = new Dictionary<string, string>
    {
        ["java"] = "import java.io.*;\nclass Main { public static void main(String[] a) throws IOException { String[] p = new BufferedReader(new InputStreamReader(System.in)).readLine().trim().split(\" \"); System.out.println(Long.parseLong(p[0]) + Long.parseLong(p[1])); } }\n",
        ["go"] = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n",
        ["rust"] = "use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!(\"{}\", v[0] + v[1]); }\n",
        ["javascript"] = "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n",
        ["typescript"] = "import * as fs from \"fs\";\nconst [a, b] = fs.readFileSync(0, \"utf8\").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n",
        ["bash"] = "read a b\necho $((a + b))\n",
        ["ruby"] = "a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n",
        ["php"] = "<?php\n[$a, $b] = array_map('intval', explode(' ', trim(fgets(STDIN))));\necho $a + $b, \"\\n\";\n",
        ["lua"] = "local a, b = io.read(\"n\", \"n\")\nprint(a + b)\n",
        ["perl"] = "my ($a, $b) = split ' ', <STDIN>;\nprint $a + $b, \"\\n\";\n",
    };

    private static readonly HashSet<string> Compiled = ["java", "go", "rust", "typescript"];

    public static async Task<string> RunAsync(IReadOnlyList<string> languages, TimeSpan budget, int concurrency)
    {
        var results = new List<Measurement>();
        var compileMs = new List<(string Language, string Mode, double Ms)>();
        await using var session = await SandboxSession.StartAsync(SandboxMode.Fast, "auto");
        var registry = session.Services.GetServices<ISandboxLanguage>().ToDictionary(l => l.Name);
        foreach (var language in languages)
        {
            var image = $"verifier-sandbox-{language}:1";
            await using var bare = await ChrootRunner.ExportAsync(image);
            foreach (var tests in new[] { 1, 10 })
            {
                var cases = Programs.Cases(tests);
                var request = new CodeRequest
                {
                    Language = language,
                    Code = Sum[language],
                    Tests = new IoTests([.. cases.Select(c => new IoCase(c.Stdin, c.Stdout))]),
                    IsolationKey = "bench",
                    Limits = new CodeLimits(10_000, 512),
                };
                foreach (var mode in new[] { "bare", "fast", "bare", "fast" })
                {
                    var compiles = new ConcurrentBag<double>();
                    Func<CancellationToken, Task<bool>> submit = mode == "bare"
                        ? async ct =>
                        {
                            var (passed, ms) = await bare.RunAsync(registry[language], Sum[language], cases, ct);
                            compiles.Add(ms);
                            return passed;
                        }
                        : async ct =>
                        {
                            var verdict = await session.Sandbox.VerifyAsync(request, ct);
                            compiles.Add(verdict.CompileMs ?? 0);
                            if (verdict.Verdict != CodeVerdictKind.Accepted)
                            {
                                Console.WriteLine($"   not accepted ({language} x{tests}): {verdict.Verdict.ToWireName()} {verdict.Reason}");
                            }

                            return verdict.Verdict == CodeVerdictKind.Accepted;
                        };
                    var target = Compiled.Contains(language) ? 3 * concurrency : 12 * concurrency;
                    await Measurement.RunAsync(language, tests, concurrency, mode, concurrency, budget, submit); // warm-up
                    compiles.Clear();
                    var m = await Measurement.RunAsync(language, tests, concurrency, mode, target, budget, submit);
                    results.Add(m);
                    if (tests == 1)
                    {
                        compileMs.AddRange(compiles.Select(ms => (language, mode, ms)));
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{m.Mode,-5} {m.Language,-10} tests={m.Tests,-2} c={m.Concurrency} n={m.Submissions,-3} fail={m.Failures} {m.Throughput,6:0.0}/s p50={m.P50Ms,7:0.0} ms"));
                }
            }
        }

        return Report(results, compileMs);
    }

    /// <summary>Each scenario ran twice, alternating bare and fast: the table shows the median of the two of each.</summary>
    private static string Report(List<Measurement> results, List<(string Language, string Mode, double Ms)> compileMs)
    {
        var text = new StringBuilder();
        text.AppendLine("| language | tests | bare /s | fast /s | fast vs bare | bare p50 ms | fast p50 ms | compile p50 ms bare / fast |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => (r.Language, r.Tests)))
        {
            var bare = group.Where(r => r.Mode == "bare").ToList();
            var fast = group.Where(r => r.Mode == "fast").ToList();
            double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            }

            var bareRate = Median(bare.Select(m => m.Throughput));
            var fastRate = Median(fast.Select(m => m.Throughput));
            var compile = Compiled.Contains(group.Key.Language) && group.Key.Tests == 1
                ? string.Create(CultureInfo.InvariantCulture, $"{Median(compileMs.Where(c => c.Language == group.Key.Language && c.Mode == "bare").Select(c => c.Ms)):0} / {Median(compileMs.Where(c => c.Language == group.Key.Language && c.Mode == "fast").Select(c => c.Ms)):0}")
                : "-";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Language} | {group.Key.Tests} | {bareRate:0.0} | {fastRate:0.0} | {fastRate / bareRate:P0} | {Median(bare.Select(m => m.P50Ms)):0} | {Median(fast.Select(m => m.P50Ms)):0} | {compile} |"));
        }

        return text.ToString();
    }
}
