using System.Diagnostics;

namespace Verifier.Service.Tests.Stack;

/// <summary>
/// docker/build-images.sh without building anything: its source hash (which decides whether the service image is
/// stale) and its image names. Defect 8d of issue 12: the hash ignored untracked files, so a new source file left a
/// stale image in use, and a misspelled image name built nothing and succeeded.
/// </summary>
public sealed class BuildImagesScriptTests : IDisposable
{
    private const string Script = "docker/build-images.sh";
    private readonly ScriptScratch _scratch = new(Script);

    [Fact]
    public async Task SourceHash_CountsUntrackedFiles_ButNotIgnoredOnes()
    {
        await WriteAsync("verifier/Program.cs", "class Program {}");
        await WriteAsync(".gitignore", "bin/\n");
        await GitAsync("init", "-q");
        await GitAsync("add", ".gitignore", "verifier");
        await GitAsync("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "sources");
        var committed = await SourceHashAsync();

        await WriteAsync("verifier/NewFeature.cs", "class NewFeature {}");
        var withUntracked = await SourceHashAsync();
        await WriteAsync("verifier/bin/Verifier.dll", "build output");
        var withIgnored = await SourceHashAsync();

        Assert.NotEqual(committed, withUntracked);
        Assert.Equal(withUntracked, withIgnored);
    }

    [Fact]
    public async Task UnknownImageName_FailsAndListsTheValidNames()
    {
        File.WriteAllText(Path.Combine(_scratch.FakeEngine, "answering"), "");

        var (exitCode, output) = await _scratch.RunAsync(Script, ["sandbox-pyhton"]);

        Assert.True(exitCode != 0, $"a misspelled image name succeeded: {output}");
        Assert.Contains("sandbox-pyhton", output, StringComparison.Ordinal);
        Assert.Contains("sandbox-python", output, StringComparison.Ordinal);
        Assert.Contains("verifier", output, StringComparison.Ordinal);
    }

    /// <summary>The control: a valid name gets past the check (the fake engine reports every image present, so nothing builds).</summary>
    [Fact]
    public async Task KnownImageName_IsAccepted()
    {
        File.WriteAllText(Path.Combine(_scratch.FakeEngine, "answering"), "");

        var (exitCode, output) = await _scratch.RunAsync(Script, ["sandbox-python"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("present, skipped", output, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();

    private async Task<string> SourceHashAsync()
    {
        var (exitCode, output) = await _scratch.RunAsync(Script, ["--source-hash"]);
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    private async Task WriteAsync(string path, string text)
    {
        var full = Path.Combine(_scratch.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, text);
    }

    private async Task GitAsync(params string[] args)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", _scratch.Root, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = git.StandardError.ReadToEndAsync();
        await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {await errors}");
    }
}
