using System.Diagnostics;
using System.Globalization;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// The bare baseline for the languages added in issue 14: the same files, compile command and run command that the
/// language prepares for the sandbox, run as plain processes chrooted into the language image's own root filesystem
/// (exported once), so the toolchain is byte for byte the sandbox's, with no container, supervisor or limits.
/// Needs root (chroot, mount). The image's /proc and /dev are the host's, mounted for the runner's lifetime: the
/// dynamic loader resolves <c>$ORIGIN</c> (the JVM's libjli.so) through /proc/self/exe, and runtimes read /dev/urandom.
/// </summary>
internal sealed class ChrootRunner : IAsyncDisposable
{
    private readonly IoOutputComparer _comparer = new();
    private readonly string _root;
    private int _next;

    private ChrootRunner(string root) => _root = root;

    public static async Task<ChrootRunner> ExportAsync(string image)
    {
        var root = Directory.CreateTempSubdirectory("bench-rootfs-").FullName;
        var (code, id) = await RunAsync(["docker", "create", image, "true"], "/", "");
        if (code != 0)
        {
            throw new InvalidOperationException($"docker create {image} failed");
        }

        var export = await RunAsync(["sh", "-c", $"docker export {id.Trim()} | tar -x -C {root}"], "/", "");
        await RunAsync(["docker", "rm", id.Trim()], "/", "");
        if (export.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker export of {image} failed");
        }

        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        foreach (var (what, argv) in new (string, string[])[]
        {
            ("proc", ["mount", "-t", "proc", "proc", Path.Combine(root, "proc")]),
            ("dev", ["mount", "--rbind", "/dev", Path.Combine(root, "dev")]),
        })
        {
            Directory.CreateDirectory(Path.Combine(root, what));
            if ((await RunAsync(argv, "/", "")).ExitCode != 0)
            {
                throw new InvalidOperationException($"mounting /{what} in {root} failed");
            }
        }

        return new ChrootRunner(root);
    }

    public async ValueTask DisposeAsync()
    {
        // Lazily: a process still holding a file there must not keep the mounts (or fail the benchmark's end).
        await RunAsync(["umount", "-l", Path.Combine(_root, "dev")], "/", "");
        await RunAsync(["umount", "-l", Path.Combine(_root, "proc")], "/", "");
        await RunAsync(["rm", "-rf", "--one-file-system", _root], "/", "");
    }

    /// <summary>Prepares, compiles (when the language compiles) and runs each case; the compile's wall time is reported.</summary>
    public async Task<(bool Passed, double CompileMs)> RunAsync(ISandboxLanguage language, string code, (string Stdin, string Stdout)[] cases, CancellationToken cancellationToken)
    {
        var prepared = await language.PrepareAsync(new PrepareContext(code, new IoTests([.. cases.Select(c => new IoCase(c.Stdin, c.Stdout))]), 10_000, 512), cancellationToken);
        var program = prepared.Program ?? throw new InvalidOperationException(prepared.CompileError);
        var job = "/tmp/bare-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var dir = _root + job;
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var (name, content) in program.Files)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, name), content, cancellationToken);
            }

            double compileMs = 0;
            if (program.Compile is CommandCompileStep compile)
            {
                var clock = Stopwatch.StartNew();
                var (status, _) = await RunAsync(Chrooted(job, program.Environment, compile.Argv), "/", "");
                compileMs = clock.Elapsed.TotalMilliseconds;
                if (status != 0)
                {
                    return (false, compileMs);
                }
            }

            foreach (var (stdin, stdout) in cases)
            {
                var (status, output) = await RunAsync(Chrooted(job, program.Environment, program.Runner.Argv), "/", stdin);
                if (status != 0 || !_comparer.Compare(stdout, output).Equal)
                {
                    return (false, compileMs);
                }
            }

            return (true, compileMs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private string[] Chrooted(string job, IReadOnlyDictionary<string, string> env, IReadOnlyList<string> argv) =>
    [
        "chroot", _root, "/usr/bin/env", "-i", $"HOME={job}", $"TMPDIR={job}", .. env.Select(e => $"{e.Key}={e.Value}"),
        "/bin/sh", "-c", $"cd {job} && exec \"$@\"", "sh", .. argv,
    ];

    private static Task<(int ExitCode, string Stdout)> RunAsync(string[] argv, string dir, string stdin) =>
        BareProcessRunner.RunProcessAsync(argv, dir, stdin, CancellationToken.None);
}
