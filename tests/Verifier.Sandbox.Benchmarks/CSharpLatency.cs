using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Languages.CSharp;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// C# compile-and-run latency beside Python running the same program, in one run:
/// <list type="bullet">
/// <item>cold compile: the first C# compilation of a fresh verifier process (each sample a new process, tiered JIT on, as the service runs);</item>
/// <item>warm compile: later compilations in one process, each of a different source;</item>
/// <item>end to end: one submission at a time through a fast-mode sandbox (warm compiler, warm containers), C# and Python side by side.</item>
/// </list>
/// <c>dotnet run -c Release --project tests/Verifier.Sandbox.Benchmarks -- --csharp [--out csharp.md]</c>
/// </summary>
internal static class CSharpLatency
{
    private const string CSharpSum = "var parts = Console.ReadLine()!.Split(' ');\nConsole.WriteLine(long.Parse(parts[0]) + long.Parse(parts[1]));\n";
    private const string CSharpAdd = "public static class Solution { public static long Add(long a, long b) => a + b; }\n";
    private const string PythonAdd = "def add(a, b):\n    return a + b\n";
    private const int ColdSamples = 5;
    private const int WarmSamples = 40;
    private const int RunSamples = 30;

    /// <summary>Child mode: one cold compilation, its milliseconds on stdout.</summary>
    public static async Task<int> ColdCompileAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var prepared = await NewLanguage().PrepareAsync(new PrepareContext(CSharpSum, Io(1), 2_000, 256), CancellationToken.None);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine(ms.ToString("0.0", CultureInfo.InvariantCulture));
        return prepared.Program is null ? 1 : 0;
    }

    public static async Task<string> RunAsync()
    {
        var rows = new List<string>();
        var cold = new List<double>();
        for (var i = 0; i < ColdSamples; i++)
        {
            cold.Add(await ColdCompileInChildAsync());
        }

        rows.Add(Row("C# compile, cold (new process, io program)", "-", cold, null));

        var language = NewLanguage();
        await language.WarmUpAsync(CancellationToken.None);
        var warm = new List<double>();
        for (var i = 0; i < WarmSamples; i++)
        {
            // A different source each time: nothing of a previous compilation can be reused but the compiler itself.
            var source = CSharpSum + $"// sample {i}\n";
            var started = Stopwatch.GetTimestamp();
            var prepared = await language.PrepareAsync(new PrepareContext(source, Io(1), 2_000, 256), CancellationToken.None);
            warm.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (prepared.Program is null)
            {
                throw new InvalidOperationException(prepared.CompileError);
            }
        }

        rows.Add(Row("C# compile, warm (io program)", "-", warm, null));

        await using var session = await SandboxSession.StartAsync(SandboxMode.Fast);
        foreach (var (label, tests, csharp, python) in Scenarios())
        {
            foreach (var (name, code, kindTests) in new[] { ("csharp", csharp.Code, csharp.Tests), ("python", python.Code, python.Tests) })
            {
                var request = new CodeRequest { Language = name, Code = code, Tests = kindTests, IsolationKey = "bench-csharp" };
                var walls = new List<double>();
                var compiles = new List<double>();
                for (var i = -5; i < RunSamples; i++)
                {
                    var unique = request with { Code = code + (name == "csharp" ? $"// {i}\n" : $"# {i}\n") };
                    var started = Stopwatch.GetTimestamp();
                    var verdict = await session.Sandbox.VerifyAsync(unique);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (verdict.Verdict != CodeVerdictKind.Accepted)
                    {
                        throw new InvalidOperationException($"{name} {label}: {verdict.Verdict.ToWireName()} {verdict.Reason}");
                    }

                    if (i >= 0)
                    {
                        walls.Add(ms);
                        compiles.Add(verdict.CompileMs ?? 0);
                    }
                }

                rows.Add(Row($"{name}, {label}", tests, walls, name == "csharp" ? compiles : null));
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPUs, one submission at a time; milliseconds.");
        table.AppendLine();
        table.AppendLine("| what | tests | median ms | p90 ms | of which compile (median) | n |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(r => table.AppendLine(r));
        return table.ToString();
    }

    private static IEnumerable<(string Label, string Tests, (string Code, CodeTests Tests) CSharp, (string Code, CodeTests Tests) Python)> Scenarios()
    {
        yield return ("io, compile and run", "1", (CSharpSum, Io(1)), (Programs.Python, Io(1)));
        yield return ("io, compile and run", "10", (CSharpSum, Io(10)), (Programs.Python, Io(10)));
        yield return ("function calls", "10", (CSharpAdd, Calls("Add", 10)), (PythonAdd, Calls("add", 10)));
    }

    private static IoTests Io(int count) => new([.. Programs.Cases(count).Select(c => new IoCase(c.Stdin, c.Stdout))]);

    private static FunctionTests Calls(string entry, int count) => new(entry, [.. Enumerable.Range(1, count).Select(i => new FunctionCase(
        JsonDocument.Parse($"[{i}, {i * 7}]").RootElement.Clone(), JsonDocument.Parse($"{i * 8}").RootElement.Clone()))]);

    private static CSharpLanguage NewLanguage() => new(Options.Create(new SandboxOptions()));

    private static async Task<double> ColdCompileInChildAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, "--csharp-cold") { RedirectStandardOutput = true };
        // The service runs with tiered compilation; this harness turns it off for its steady-state scenarios.
        start.Environment["DOTNET_TieredCompilation"] = "1";
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? double.Parse(output.Trim(), CultureInfo.InvariantCulture) : throw new InvalidOperationException($"cold compile failed: {output}");
    }

    private static string Row(string what, string tests, List<double> samples, List<double>? compiles) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {tests} | {Percentile(samples, 0.5):0.0} | {Percentile(samples, 0.9):0.0} | {(compiles is null ? "-" : Percentile(compiles, 0.5).ToString("0.0", CultureInfo.InvariantCulture))} | {samples.Count} |");

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
