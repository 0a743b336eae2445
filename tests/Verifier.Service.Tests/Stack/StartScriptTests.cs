namespace Verifier.Service.Tests.Stack;

/// <summary>
/// start.sh's own state, run from a scratch copy with a fake engine (see <see cref="ScriptScratch"/>). Defect 8b of
/// issue 12: the generated API key was world-readable, and `start.sh down` left running the engine `up` had started.
/// </summary>
public sealed class StartScriptTests : IDisposable
{
    private static readonly string[] Scripts = ["start.sh", "scripts/docker-engine.sh"];
    private readonly ScriptScratch _scratch = new(Scripts);

    private string StateDir => Path.Combine(_scratch.Root, ".verifier");

    [Fact]
    public async Task GeneratedApiKey_IsReadableByItsOwnerOnly()
    {
        // `down` reads the key like every command, so it generates it when there is none, as `up` would.
        var (exitCode, output) = await _scratch.RunAsync("start.sh", ["down"]);

        Assert.True(exitCode == 0, output);
        var key = Path.Combine(StateDir, "api-key");
        Assert.NotEmpty(await File.ReadAllTextAsync(key));
        System.Diagnostics.Debug.Assert(!OperatingSystem.IsWindows(), "the scripts run under bash");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task ApiKeyAnEarlierVersionLeftWorldReadable_IsNarrowedAndKept()
    {
        Directory.CreateDirectory(StateDir);
        var key = Path.Combine(StateDir, "api-key");
        await File.WriteAllTextAsync(key, "earlier-key");

        var (exitCode, output) = await _scratch.RunAsync("start.sh", ["down"]);

        Assert.True(exitCode == 0, output);
        Assert.Equal("earlier-key", await File.ReadAllTextAsync(key));
        System.Diagnostics.Debug.Assert(!OperatingSystem.IsWindows(), "the scripts run under bash");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task Down_StopsTheEngineUpStarted()
    {
        // What `up` does first: start the engine with start.sh's state folder, which records it as start.sh's.
        var (started, startOutput) = await _scratch.RunAsync("scripts/docker-engine.sh", ["start"], new Dictionary<string, string> { ["VERIFIER_STATE_DIR"] = StateDir });
        Assert.True(started == 0, startOutput);
        var dockerd = _scratch.DockerdPid();

        var (exitCode, output) = await _scratch.RunAsync("start.sh", ["down"]);

        Assert.True(exitCode == 0, output);
        Assert.True(await ScriptScratch.ExitsWithinAsync(dockerd, TimeSpan.FromSeconds(10)), $"the engine start.sh started (pid {dockerd}) still runs after down: {output}");
    }

    [Fact]
    public async Task Down_LeavesAnEngineItDidNotStart()
    {
        var foreign = await _scratch.StartForeignDockerdAsync();

        var (exitCode, output) = await _scratch.RunAsync("start.sh", ["down"]);

        Assert.True(exitCode == 0, output);
        Assert.True(ScriptScratch.IsRunning(foreign), $"down stopped an engine start.sh did not start: {output}");
    }

    public void Dispose() => _scratch.Dispose();
}
