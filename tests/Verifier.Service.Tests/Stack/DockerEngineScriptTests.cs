namespace Verifier.Service.Tests.Stack;

/// <summary>
/// scripts/docker-engine.sh against a fake dockerd (see <see cref="ScriptScratch"/>): it stops the engine it started,
/// even through sudo, and nothing else. Defect 8c of issue 12: under sudo it recorded $! of `sudo dockerd`, so `stop`
/// signalled sudo and dockerd kept running.
/// </summary>
public sealed class DockerEngineScriptTests : IDisposable
{
    private const string Script = "scripts/docker-engine.sh";
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(10);

    private readonly ScriptScratch _scratch = new(Script);
    private readonly Dictionary<string, string> _environment;

    public DockerEngineScriptTests() => _environment = new()
    {
        ["VERIFIER_STATE_DIR"] = Path.Combine(_scratch.Root, "state"),
        // The tests may run as root: VERIFIER_SUDO makes the script go through (the fake) sudo as a user's run would.
        ["VERIFIER_SUDO"] = "sudo",
    };

    private string PidFile => Path.Combine(_scratch.Root, "state", "dockerd.pid");

    [Fact]
    public async Task StopAfterStartUnderSudo_StopsDockerdItself()
    {
        var (started, startOutput) = await _scratch.RunAsync(Script, ["start"], _environment);
        Assert.True(started == 0, startOutput);
        var dockerd = _scratch.DockerdPid();
        var recorded = File.Exists(PidFile) ? File.ReadAllText(PidFile).Trim() : "(no pid file)";

        var (stopped, stopOutput) = await _scratch.RunAsync(Script, ["stop"], _environment);

        Assert.True(stopped == 0, stopOutput);
        Assert.True(await ScriptScratch.ExitsWithinAsync(dockerd, Exit), $"dockerd (pid {dockerd}) still runs after stop; the script had recorded {recorded}: {stopOutput}");
    }

    [Fact]
    public async Task Stop_WhenTheEngineWasAlreadyAnswering_LeavesItRunning()
    {
        var foreign = await _scratch.StartForeignDockerdAsync();

        var (started, startOutput) = await _scratch.RunAsync(Script, ["start"], _environment);
        var (stopped, stopOutput) = await _scratch.RunAsync(Script, ["stop"], _environment);

        Assert.True(started == 0, startOutput);
        Assert.True(stopped == 0, stopOutput);
        Assert.True(ScriptScratch.IsRunning(foreign), $"the engine somebody else started was stopped: {stopOutput}");
    }

    /// <summary>A pid file left behind by an engine that died may name a process that reused its pid.</summary>
    [Fact]
    public async Task Stop_WhenThePidFileNamesAProcessThatIsNotDockerd_LeavesItRunning()
    {
        using var bystander = System.Diagnostics.Process.Start("sleep", ["60"]);
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        await File.WriteAllTextAsync(PidFile, $"{bystander.Id}\n");
        try
        {
            var (stopped, stopOutput) = await _scratch.RunAsync(Script, ["stop"], _environment);

            Assert.True(stopped == 0, stopOutput);
            Assert.False(bystander.HasExited, $"stop killed pid {bystander.Id}, a sleep: {stopOutput}");
        }
        finally
        {
            bystander.Kill();
        }
    }

    public void Dispose() => _scratch.Dispose();
}
