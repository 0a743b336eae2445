using Verifier.Trainer.Configuration;
using Verifier.Trainer.Pipeline;
using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;

namespace Verifier.Trainer.Tests.Pipeline;

/// <summary>The four stages on tiny models, scored in process by the verifier's own policy (<see cref="LocalRewardSource"/>).</summary>
public sealed class R1PipelineTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("pipeline-test").FullName;

    public R1PipelineTests() => TorchTestSetup.Ensure();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static PipelineConfig TinyConfig() => new()
    {
        Teacher = new TrainerConfig
        {
            Model = { Dim = 16, Layers = 1, Heads = 2 },
            Grpo = { GroupSize = 4, PromptsPerStep = 2 },
            Run = { Steps = 2, Device = "cpu", Threads = 1, PlotEvery = 0, SampleEvery = 0 },
        },
        Rejection = new RejectionOptions { K = 8, Prompts = 25, MaxPerPrompt = 2, ShortestFirst = true },
        Student = new TrainerConfig
        {
            Model = { Dim = 8, Layers = 1, Heads = 2 },
            Grpo = { GroupSize = 4, PromptsPerStep = 2 },
            Sft = { Steps = 3, BatchSize = 4 },
            Run = { Device = "cpu", Threads = 1, PlotEvery = 0, SampleEvery = 0 },
        },
        StudentGrpo = { Steps = 2 },
        Eval = { Prompts = 4, Samples = 2 },
    };

    [Fact]
    public async Task RunAsync_RunsEveryStageOnceAndARerunSkipsThemAll()
    {
        var rewards = new LocalRewardSource();
        var first = await new R1Pipeline(TinyConfig(), rewards, _out, TextWriter.Null, TimeProvider.System).RunAsync();
        var callsAfterFirst = rewards.Calls;
        var summary = File.ReadAllText(Path.Combine(_out, "summary.md"));

        using var log = new StringWriter();
        var second = await new R1Pipeline(TinyConfig(), rewards, _out, log, TimeProvider.System).RunAsync();

        Assert.Equal([R1Pipeline.TeacherStage, R1Pipeline.RejectionStage, R1Pipeline.SftStage, R1Pipeline.StudentGrpoStage], first.Select(r => r.Stage));
        Assert.All(first.Where(r => r.Stage != R1Pipeline.RejectionStage), r => Assert.NotNull(r.PassAt1));
        Assert.True(File.Exists(Path.Combine(_out, R1Pipeline.RejectionStage, "rows.jsonl")));
        Assert.True(File.Exists(Path.Combine(_out, R1Pipeline.StudentGrpoStage, "checkpoints", "step_000002", "model.safetensors")));
        Assert.Equal(first, second);
        Assert.Equal(callsAfterFirst, rewards.Calls);
        Assert.Equal(4, log.ToString().Split("skipped").Length - 1);
        Assert.Equal(summary, File.ReadAllText(Path.Combine(_out, "summary.md")));
        Assert.Equal(6, summary.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task RunAsync_AfterTheLastStageMarkerIsDeleted_RunsOnlyThatStageAgain()
    {
        var rewards = new LocalRewardSource();
        await new R1Pipeline(TinyConfig(), rewards, _out, TextWriter.Null, TimeProvider.System).RunAsync();
        File.Delete(StageRunner.MarkerPath(Path.Combine(_out, R1Pipeline.StudentGrpoStage)));

        using var log = new StringWriter();
        await new R1Pipeline(TinyConfig(), rewards, _out, log, TimeProvider.System).RunAsync();

        Assert.Equal(3, log.ToString().Split("skipped").Length - 1);
        Assert.Contains($"{R1Pipeline.StudentGrpoStage}: running", log.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(StageRunner.MarkerPath(Path.Combine(_out, R1Pipeline.StudentGrpoStage))));
    }
}
