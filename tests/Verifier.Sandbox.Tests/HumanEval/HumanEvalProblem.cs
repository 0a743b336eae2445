using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Sandbox.Tests.HumanEval;

/// <summary>One HumanEval problem: the program is <see cref="Prompt"/> followed by a body.</summary>
internal sealed record HumanEvalProblem(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("canonical_solution")] string CanonicalSolution,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("entry_point")] string EntryPoint)
{
    public string Canonical => Prompt + CanonicalSolution;

    /// <summary>The test as the dataset adapters send it: the prompt in front, so that its helpers (HumanEval/32's <c>poly</c>) are the test's own.</summary>
    public string Checks => Prompt + "\n" + Test;

    /// <summary>The prompt with its function's body replaced by <c>return None</c>.</summary>
    public string Broken => Prompt + "    return None\n";

    public static IReadOnlyList<HumanEvalProblem> Load(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var problems = new List<HumanEvalProblem>();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                problems.Add(JsonSerializer.Deserialize<HumanEvalProblem>(line) ?? throw new InvalidDataException($"bad line in {path}"));
            }
        }

        return problems;
    }
}
