using System.Globalization;
using System.Text.Json;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>
/// The user's own prompts, one JSON object per line:
/// math: <c>{"id": "...", "question": "...", "answer": "..."}</c> (also "prompt"/"problem" and "gold"/"solution_answer");
/// code: <c>{"id": "...", "prompt": "...", "tests": ["assert f(1) == 2"], "language": "python", "entry_point": "f"}</c>
/// ("test" as one string and HumanEval's "task_id" are accepted too). Tests are in the task's language: Python's may
/// be bare asserts, other languages' are the verifier's assert program (C++: a translation unit with its own main).
/// A fraction of the lines (the last ones) is held out for evaluation.
/// </summary>
public sealed class JsonlTaskSource : ITaskSource
{
    private readonly TaskItem[] _train;
    private readonly TaskItem[] _heldOut;

    public JsonlTaskSource(IReadOnlyList<TaskItem> items, double heldOutFraction)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("The task file has no prompts.", nameof(items));
        }

        var heldOut = items.Count < 2 ? 0 : Math.Clamp((int)Math.Round(items.Count * heldOutFraction), 0, items.Count - 1);
        _train = [.. items.Take(items.Count - heldOut)];
        _heldOut = heldOut == 0 ? _train : [.. items.Skip(items.Count - heldOut)];
    }

    public IReadOnlyList<TaskItem> Training => _train;

    /// <summary>Reads a JSONL file; a bad line is reported with its number and nothing is loaded.</summary>
    public static JsonlTaskSource Load(string path, string? template, double heldOutFraction)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Task file not found: {path}", path);
        }

        var items = new List<TaskItem>();
        foreach (var (lineNumber, line) in JsonlLines.Read(path))
        {
            try
            {
                items.Add(Parse(line, template, items.Count));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }

        return new JsonlTaskSource(items, heldOutFraction);
    }

    public TaskItem Next(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return _train[random.NextInt(0, _train.Length)];
    }

    public IReadOnlyList<TaskItem> HeldOut(int count) => [.. _heldOut.Take(count)];

    public GuideSpec? Guide => null;

    internal static TaskItem Parse(string line, string? template, int index)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("each line must be a JSON object.");
        }

        var question = String(root, "question", "prompt", "problem")
            ?? throw new FormatException("missing \"question\" (or \"prompt\"/\"problem\").");
        var id = String(root, "id", "task_id", "unique_id") ?? index.ToString(CultureInfo.InvariantCulture);
        var tests = Tests(root);
        var prompt = PromptTemplate.Apply(template, question);
        if (tests is not null)
        {
            var language = String(root, "language")?.Trim().ToLowerInvariant() ?? "python";
            return new TaskItem(id, question, prompt, TaskKind.Code, null, tests, language, String(root, "entry_point"));
        }

        var answer = String(root, "answer", "gold", "solution_answer")
            ?? throw new FormatException("needs a gold \"answer\" (math) or \"tests\" (code).");
        return new TaskItem(id, question, prompt, TaskKind.Math, answer);
    }

    private static string? String(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }

        return null;
    }

    private static string[]? Tests(JsonElement root)
    {
        if (root.TryGetProperty("tests", out var tests))
        {
            return tests.ValueKind switch
            {
                JsonValueKind.Array => [.. tests.EnumerateArray().Select(t => t.GetString() ?? throw new FormatException("\"tests\" must hold strings."))],
                JsonValueKind.String => [tests.GetString()!],
                _ => throw new FormatException("\"tests\" must be a string or an array of strings."),
            };
        }

        return root.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.String ? [test.GetString()!] : null;
    }
}
