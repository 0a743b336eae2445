using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Benchmarks;

/// <summary>Request bodies for the benchmark: realistic R1-style math completions, and small code submissions.</summary>
internal static class Workloads
{
    /// <summary>
    /// Math items built from MATH-500 (the solution text as reasoning, the gold or a wrong value as the answer),
    /// or from generated arithmetic when the shared data is absent.
    /// </summary>
    public static List<VerifyItem> MathItems(int count, string? dataDir)
    {
        var problems = LoadMath500(dataDir);
        var random = new Random(42);
        var items = new List<VerifyItem>(count);
        for (var i = 0; i < count; i++)
        {
            var (solution, gold) = problems[i % problems.Count];
            var answer = (i % 4) switch
            {
                0 or 1 => gold,
                2 => $"{random.Next(2, 999)}",
                _ => $"\\frac{{{random.Next(1, 50)}}}{{{random.Next(51, 99)}}}",
            };
            items.Add(new VerifyItem
            {
                Id = $"m{i}",
                Completion = $"<think>{solution}</think>\n<answer>\\boxed{{{answer}}}</answer>",
                Math = new MathSpec { Gold = gold },
                Format = new FormatSpec(),
            });
        }

        return items;
    }

    public static List<VerifyItem> CodeItems(int count)
    {
        var items = new List<VerifyItem>(count);
        for (var i = 0; i < count; i++)
        {
            var right = i % 2 == 0;
            var program = right ? "a, b = map(int, input().split())\nprint(a + b)" : "print(0)";
            items.Add(new VerifyItem
            {
                Id = $"c{i}",
                Completion = $"<think>add</think><answer>```python\n{program}\n```</answer>",
                Code = new CodeSpec
                {
                    Language = "python",
                    Tests = CodeTests.Io(TestCase.Io($"{i} 1\n", $"{i + 1}\n")),
                },
            });
        }

        return items;
    }

    public static List<byte[]> Bodies(List<VerifyItem> items, int batchSize) =>
        [.. items.Chunk(batchSize).Select(chunk =>
            JsonSerializer.SerializeToUtf8Bytes(new VerifyRequest { Items = chunk }, VerifierJsonContext.Default.VerifyRequest))];

    private static List<(string Solution, string Gold)> LoadMath500(string? dataDir)
    {
        var path = dataDir is null ? null : Path.Combine(dataDir, "math", "math500.jsonl");
        if (path is not null && File.Exists(path))
        {
            return [.. File.ReadLines(path).Select(line => JsonNode.Parse(line)!).Select(n =>
                (Trim(n["solution"]!.GetValue<string>()), n["answer"]!.GetValue<string>()))];
        }

        Console.WriteLine($"note: {path ?? "shared data"} not found; using generated arithmetic problems");
        return [.. Enumerable.Range(0, 500).Select(i => ($"We add {i} and {i * 7}, which gives {i * 8}.", $"{i * 8}"))];
    }

    /// <summary>The solution's own boxed answer is removed so the only answer is the one under test.</summary>
    private static string Trim(string solution) => solution.Replace("\\boxed", "", StringComparison.Ordinal);

    public static string? FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verifier.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }

        return null;
    }
}
