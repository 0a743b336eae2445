using System.Diagnostics;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Stack;

/// <summary>
/// A scratch folder holding copies of the repository's shell scripts, run with fake <c>dockerd</c>, <c>sudo</c> and
/// <c>docker</c> first on PATH. The scripts' engine handling runs for real but never reaches the shared engine: the
/// fake dockerd only sleeps until SIGTERM, and the fake <c>docker info</c> answers while it runs.
/// </summary>
internal sealed class ScriptScratch : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    private const string FakeDockerd = """
        #!/bin/sh
        # Stands in for dockerd: records its own pid, writes --pidfile as dockerd does, answers until SIGTERM.
        pidfile=""
        previous=""
        for arg in "$@"; do
          [ "$previous" = "--pidfile" ] && pidfile="$arg"
          case "$arg" in --pidfile=*) pidfile="${arg#--pidfile=}" ;; esac
          previous="$arg"
        done
        echo $$ >"$FAKE_ENGINE_DIR/dockerd.self"
        [ -z "$pidfile" ] || echo $$ >"$pidfile"
        trap 'rm -f "$FAKE_ENGINE_DIR/answering"; [ -z "$pidfile" ] || rm -f "$pidfile"; exit 0' TERM
        touch "$FAKE_ENGINE_DIR/answering"
        while :; do sleep 0.1; done
        """;

    // Real sudo runs the command as its child and waits for it: its pid is not the command's.
    private const string FakeSudo = """
        #!/bin/sh
        "$@"
        """;

    private const string FakeDocker = """
        #!/bin/sh
        # The docker CLI as far as the scripts use it: the engine answers while the fake dockerd runs, the rest succeeds.
        case "$1" in
          info) [ -f "$FAKE_ENGINE_DIR/answering" ] ;;
          *) echo "docker $*" >>"$FAKE_ENGINE_DIR/docker.log" ;;
        esac
        """;

    private readonly List<int> _dockerdPids = [];
    private readonly string _fakeBin;

    /// <param name="scripts">Paths relative to the repository root, copied to the same paths under <see cref="Root"/>.</param>
    public ScriptScratch(params string[] scripts)
    {
        Root = Directory.CreateTempSubdirectory("verifier-scripts-").FullName;
        FakeEngine = Directory.CreateDirectory(Path.Combine(Root, ".fake-engine")).FullName;
        _fakeBin = Directory.CreateDirectory(Path.Combine(Root, ".fake-bin")).FullName;
        WriteExecutable(Path.Combine(_fakeBin, "dockerd"), FakeDockerd);
        WriteExecutable(Path.Combine(_fakeBin, "sudo"), FakeSudo);
        WriteExecutable(Path.Combine(_fakeBin, "docker"), FakeDocker);
        foreach (var script in scripts)
        {
            var target = Path.Combine(Root, script);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.Root(), script), target);
        }
    }

    public string Root { get; }

    /// <summary>Where the fakes keep their state: <c>answering</c> while the fake dockerd runs, its pid in <c>dockerd.self</c>.</summary>
    public string FakeEngine { get; }

    /// <summary>
    /// Runs <paramref name="script"/> (relative to <see cref="Root"/>) with bash under umask 022, as a user's shell
    /// would. VERIFIER_API_KEYS is never inherited from the test's own environment.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string script, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", "umask 022; exec bash \"$0\" \"$@\"", Path.Combine(Root, script), .. args])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{_fakeBin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_ENGINE_DIR"] = FakeEngine;
        start.Environment.Remove("VERIFIER_API_KEYS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', args)} ran past {ScriptTimeout.TotalSeconds} s");
        }

        RememberDockerd();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Starts the fake dockerd directly, as somebody else's engine that the scripts must leave alone.</summary>
    public async Task<int> StartForeignDockerdAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(_fakeBin, "dockerd")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FAKE_ENGINE_DIR"] = FakeEngine;
        using var process = Process.Start(start)!;
        _dockerdPids.Add(process.Id);
        for (var i = 0; i < 100 && !File.Exists(Path.Combine(FakeEngine, "answering")); i++)
        {
            await Task.Delay(50);
        }

        return process.Id;
    }

    /// <summary>The pid the fake dockerd last recorded for itself.</summary>
    public int DockerdPid() => int.Parse(File.ReadAllText(Path.Combine(FakeEngine, "dockerd.self")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A process that exists and has not exited (a zombie waiting for its parent's reaping has exited).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllLines($"/proc/{pid}/status").Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z', StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<bool> ExitsWithinAsync(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning(pid) && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        return !IsRunning(pid);
    }

    public void Dispose()
    {
        // Whatever fake dockerd a test started (or failed to stop) goes with the scratch folder.
        RememberDockerd();
        foreach (var pid in _dockerdPids.Distinct().Where(p => IsRunning(p) && IsOurFake(p)))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(Root, recursive: true);
    }

    // The pid may be reused once the fake has gone: only a process carrying this scratch folder's fake state is ours.
    private bool IsOurFake(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Contains($"FAKE_ENGINE_DIR={FakeEngine}\0", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void RememberDockerd()
    {
        if (File.Exists(Path.Combine(FakeEngine, "dockerd.self")))
        {
            _dockerdPids.Add(DockerdPid());
        }
    }

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        Debug.Assert(!OperatingSystem.IsWindows(), "the scripts run under bash");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
