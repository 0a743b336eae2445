using System.Text;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Files;

/// <summary>
/// Files read back after the run. The working directory is the submission's, so these tests plant what a hostile
/// program would: symlinks to what only PID 1 may read, a FIFO, a huge sparse file, a symlinked directory on the way.
/// </summary>
[Collection(SandboxCollection.Name)]
public class FetchFilesTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private Task<CodeVerdict> RunAsync(string code, params string[] fetch) =>
        _sandbox.VerifyAsync(Python(code, Prints("done")) with { FetchFiles = fetch });

    [Fact]
    public async Task WrittenFiles_ComeBackWholeInRequestOrder()
    {
        var verdict = await RunAsync("import os\nopen('out.txt', 'w').write('hello\\n')\nos.mkdir('logs')\nopen('logs/run.log', 'wb').write(bytes(range(256)))\nprint('done')\n", "logs/run.log", "out.txt", "never.txt");

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(["logs/run.log", "out.txt", "never.txt"], verdict.Fetched.Select(f => f.Path));
        Assert.Equal([FetchStatus.Ok, FetchStatus.Ok, FetchStatus.Missing], verdict.Fetched.Select(f => f.Status));
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), verdict.Fetched[0].Content!);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(verdict.Fetched[1].Content!));
        Assert.Equal(6, verdict.Fetched[1].Bytes);
    }

    [Fact]
    public async Task AFileOverTheCap_IsTruncatedAndTheTotalCapLeavesLaterOnesOverLimit()
    {
        // 256 KB per file and 1 MB in all by default: a 15 MB sparse file (the programs' file-size limit is 16 MB)
        // gives its first 256 KB; five such files spend the total before the fifth.
        const string code = """
            for i in range(5):
                with open(f'big{i}.bin', 'wb') as f:
                    f.write(b'x' * 10)
                    f.truncate(15 << 20)
            print('done')
            """;

        var verdict = await RunAsync(code, "big0.bin", "big1.bin", "big2.bin", "big3.bin", "big4.bin");

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.All(verdict.Fetched.Take(4), f => Assert.Equal((FetchStatus.Truncated, 256 * 1024, 15L << 20), (f.Status, f.Content!.Length, f.Bytes!.Value)));
        Assert.Equal("xxxxxxxxxx", Encoding.ASCII.GetString(verdict.Fetched[0].Content![..10]));
        Assert.Equal((FetchStatus.OverLimit, null), (verdict.Fetched[4].Status, verdict.Fetched[4].Content));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/1/environ")]
    [InlineData("/proc/self/environ")]
    public async Task ASymlinkPlantedByTheProgram_IsNeverFollowed(string target)
    {
        var verdict = await RunAsync($"import os\nos.symlink('{target}', 'out.txt')\nprint('done')\n", "out.txt");

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal((FetchStatus.NotRegular, null), (verdict.Fetched[0].Status, verdict.Fetched[0].Content));
    }

    [Fact]
    public async Task ASymlinkedDirectoryOnTheWay_IsNeverFollowed()
    {
        var verdict = await RunAsync("import os\nos.symlink('/etc', 'conf')\nprint('done')\n", "conf/passwd");

        Assert.Equal((FetchStatus.NotRegular, null), (verdict.Fetched[0].Status, verdict.Fetched[0].Content));
    }

    [Fact]
    public async Task AFifo_DoesNotBlockTheSupervisor()
    {
        var verdict = await RunAsync("import os\nos.mkfifo('out.txt')\nos.mkdir('dir')\nprint('done')\n", "out.txt", "dir");

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal([FetchStatus.NotRegular, FetchStatus.NotRegular], verdict.Fetched.Select(f => f.Status));
    }

    [Fact]
    public async Task AFileTheProgramLockedWithChmod000_IsStillRead()
    {
        var verdict = await RunAsync("import os\nopen('out.txt', 'w').write('mine')\nos.chmod('out.txt', 0)\nprint('done')\n", "out.txt");

        Assert.Equal((FetchStatus.Ok, "mine"), (verdict.Fetched[0].Status, Encoding.UTF8.GetString(verdict.Fetched[0].Content!)));
    }

    [Fact]
    public async Task ADirectoryTheProgramLocked_IsStillWalked()
    {
        var verdict = await RunAsync("import os\nos.mkdir('logs')\nopen('logs/run.log', 'w').write('mine')\nos.chmod('logs', 0)\nos.chmod('.', 0o100)\nprint('done')\n", "logs/run.log");

        Assert.Equal((FetchStatus.Ok, "mine"), (verdict.Fetched[0].Status, Encoding.UTF8.GetString(verdict.Fetched[0].Content!)));
    }

    [Fact]
    public async Task AWorkingDirectoryReplacedByASymlink_IsNeverFollowed()
    {
        // The job's directory is the program's: it can move it away and leave a symlink to /etc in its place.
        var verdict = await RunAsync("import os\ncwd = os.getcwd()\nos.rename(cwd, cwd + '.moved')\nos.symlink('/etc', cwd)\nprint('done')\n", "passwd");

        Assert.Equal((FetchStatus.NotRegular, null), (verdict.Fetched[0].Status, verdict.Fetched[0].Content));
    }

    [Fact]
    public async Task WrongAnswer_StillFetches_AndTheRewardIgnoresTheFiles()
    {
        var verdict = await _sandbox.VerifyAsync(Python("open('out.txt', 'w').write('accepted')\nprint('no')\n", Prints("yes")) with { FetchFiles = ["out.txt"] });

        Assert.Equal((CodeVerdictKind.WrongAnswer, 0.0), (verdict.Verdict, verdict.Reward));
        Assert.Equal(FetchStatus.Ok, verdict.Fetched[0].Status);
    }

    [Fact]
    public async Task WhenNothingRan_EveryPathIsMissing()
    {
        // Roslyn finds the error in the verifier, so no container and no directory: still one answer per path.
        var verdict = await _sandbox.VerifyAsync(CSharp("int x = ;", Prints("1")) with { FetchFiles = ["a.txt", "b.txt"] });

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Equal([("a.txt", FetchStatus.Missing), ("b.txt", FetchStatus.Missing)], verdict.Fetched.Select(f => (f.Path, f.Status)));
    }

    [Fact]
    public async Task NothingAsked_NothingFetched()
    {
        var verdict = await _sandbox.VerifyAsync(Python("open('out.txt', 'w').write('x')\nprint('done')\n", Prints("done")));

        Assert.Empty(verdict.Fetched);
    }
}
