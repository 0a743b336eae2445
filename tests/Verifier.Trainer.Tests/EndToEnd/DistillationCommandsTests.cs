using System.Text.Json;
using Verifier.Trainer.Commands;
using Verifier.TestSupport;

namespace Verifier.Trainer.Tests.EndToEnd;

/// <summary>
/// The commands as a user runs them: train (a tiny teacher) → rejection-sample → sft (a student of another size),
/// against the real verifier service on loopback; then the student's checkpoint refused as --init for another size.
/// </summary>
public sealed class DistillationCommandsTests : IDisposable
{
    private static readonly HashSet<string> Flags = ["resume", "shortest-first", "dedupe", "drop-mixed-language"];
    private readonly string _out = Directory.CreateTempSubdirectory("verifier-commands-").FullName;

    public DistillationCommandsTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_out, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task TrainRejectionSampleSft_FromTheCommandLine_WritesRowsSummaryAndAStudentCheckpoint()
    {
        await using var host = ServiceHost.Start();
        string[] verifier = ["--verifier", host.Address.ToString(), "--api-key", ServiceHost.ApiKey];
        var teacherConfig = Write("teacher.json", """{ "model": { "dim": 16, "layers": 1, "heads": 2 }, "grpo": { "group_size": 4, "prompts_per_step": 2 }, "run": { "device": "cpu", "threads": 1, "plot_every": 0, "sample_every": 0 } }""");
        var studentConfig = Write("student.json", """{ "model": { "dim": 8, "layers": 1, "heads": 2 }, "sft": { "steps": 4, "batch_size": 4, "eval_every": 2 }, "run": { "device": "cpu", "threads": 1 } }""");
        var teacher = Path.Combine(_out, "teacher");
        var rows = Path.Combine(_out, "rows.jsonl");
        var student = Path.Combine(_out, "student");
        using var log = new StringWriter();

        Assert.Equal(0, await TrainCommand.RunAsync(CommandLine.Parse(["train", "--task", "arithmetic", "--config", teacherConfig, "--steps", "2", "--out", teacher, .. verifier], Flags), log, default));
        var sampled = await RejectionSampleCommand.RunAsync(
            CommandLine.Parse(["rejection-sample", "--checkpoint", teacher, "--task", "arithmetic", "--k", "16", "--prompts", "25", "--max-per-prompt", "1", "--shortest-first", "--dedupe", "--out", rows, .. verifier], Flags),
            log,
            default);
        // A malformed line appended by hand: sft reports it by number and goes on.
        File.AppendAllText(rows, "{not json\n");
        var lines = File.ReadAllLines(rows);
        Assert.Equal(0, SftCommand.Run(CommandLine.Parse(["sft", "--data", rows, "--config", studentConfig, "--out", student], Flags), log, default));

        Assert.Equal(0, sampled);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "rows.summary.json")));
        Assert.Equal(lines.Length - 1, summary.RootElement.GetProperty("kept").GetInt32());
        Assert.True(summary.RootElement.GetProperty("kept_per_prompt").GetArrayLength() <= 2, "at most 1 row per prompt");
        Assert.Contains($"rows.jsonl:{lines.Length}: skipped", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("skipped 1 malformed line(s)", log.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(student, "checkpoints", "step_000004", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(student, "plots", "loss.png")));

        // The teacher's checkpoint is another size than the student's config: --init refuses it.
        var refused = Assert.Throws<InvalidOperationException>(() =>
            SftCommand.Run(CommandLine.Parse(["sft", "--data", rows, "--init", teacher, "--config", studentConfig, "--out", Path.Combine(_out, "wrong")], Flags), log, default));
        Assert.Contains("model.dim 16 in the checkpoint, 8 in this run", refused.Message, StringComparison.Ordinal);
    }
}
