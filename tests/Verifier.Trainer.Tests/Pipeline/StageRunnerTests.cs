using Verifier.Trainer.Pipeline;

namespace Verifier.Trainer.Tests.Pipeline;

public sealed class StageRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stage-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_WhenTheStageFinishedBefore_SkipsItAndReturnsTheRecordedResult()
    {
        var runs = 0;
        var stage = Path.Combine(_dir, "1-teacher");
        var runner = new StageRunner(TextWriter.Null, TimeProvider.System);
        Task<(double?, string)> Work()
        {
            runs++;
            return Task.FromResult<(double?, string)>((0.75, "note"));
        }

        var first = await runner.RunAsync("teacher", stage, Work);
        using var log = new StringWriter();
        var second = await new StageRunner(log, TimeProvider.System).RunAsync("teacher", stage, Work);

        Assert.Equal(1, runs);
        Assert.True(File.Exists(StageRunner.MarkerPath(stage)));
        Assert.Equal(first, second);
        Assert.Equal(0.75, second.PassAt1);
        Assert.Contains("skipped", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenTheStageFailed_LeavesNoMarkerAndRunsItAgain()
    {
        var stage = Path.Combine(_dir, "2-rejection");
        var runner = new StageRunner(TextWriter.Null, TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync("rejection", stage, () => throw new InvalidOperationException("crashed")));
        Assert.False(File.Exists(StageRunner.MarkerPath(stage)));
        var runs = 0;
        var result = await runner.RunAsync("rejection", stage, () =>
        {
            runs++;
            return Task.FromResult<(double?, string)>((null, "kept 3"));
        });

        Assert.Equal(1, runs);
        Assert.Equal("kept 3", result.Note);
    }

    [Fact]
    public void SummaryTable_HasOneRowPerStageWithPassAt1AndWallTime()
    {
        var table = R1Pipeline.SummaryTable([new("1-teacher-grpo", "a", 0.8125, 61.4, "x"), new("2-rejection-sampling", "b", null, 3, "kept 9/10")]);

        var lines = table.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("| 1-teacher-grpo | 0.813 | 61.4 s | x |", lines[2]);
        Assert.Equal("| 2-rejection-sampling | - | 3.0 s | kept 9/10 |", lines[3]);
    }
}
