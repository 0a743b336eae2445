using System.Diagnostics;
using System.Runtime.InteropServices;
using Verifier.CSharpCompiler;

namespace Verifier.Sandbox.Languages.CSharp;

/// <summary>What became of one compilation in a worker.</summary>
internal enum WorkerOutcome
{
    Replied,

    /// <summary>The deadline passed; the worker has been killed.</summary>
    TimedOut,

    /// <summary>The worker died (or broke the protocol) on this source.</summary>
    Crashed,
}

/// <summary>
/// One compiler worker process (<c>Verifier.CSharpCompiler</c>, beside this assembly). It is the only way to stop a
/// compilation that ignores its cancellation token: at the deadline the process is killed, and with it the CPU it burns.
/// </summary>
internal sealed class CompilerWorker : IDisposable
{
    private const string WorkerName = "Verifier.CSharpCompiler";

    private readonly Process _process;
    private readonly Stream _requests;
    private readonly Stream _replies;

    private CompilerWorker(Process process)
    {
        _process = process;
        _requests = process.StandardInput.BaseStream;
        _replies = process.StandardOutput.BaseStream;
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts a worker and waits until it says Roslyn is warm.</summary>
    public static async Task<CompilerWorker> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("the C# compiler worker did not start");
        var worker = new CompilerWorker(process);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            var ready = new byte[1];
            var read = await worker._replies.ReadAsync(ready, bounded.Token).ConfigureAwait(false);
            return read == 1 && ready[0] == CompileProtocol.Ready
                ? worker
                : throw new InvalidOperationException($"the C# compiler worker exited while starting (status {ExitCode(process)})");
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>Compiles one request; at the deadline, or when the caller gives up, the worker is killed.</summary>
    public async Task<(WorkerOutcome Outcome, CompileReply? Reply)> CompileAsync(CompileRequest request, CancellationToken deadline)
    {
        try
        {
            await CompileProtocol.WriteFrameAsync(_requests, CompileProtocol.Encode(request), CancellationToken.None).ConfigureAwait(false);
            // Reads are not reliably cancellable on a pipe: the kill below ends the read with an end of stream.
            var frame = await CompileProtocol.ReadFrameAsync(_replies, CancellationToken.None).WaitAsync(deadline).ConfigureAwait(false);
            return (WorkerOutcome.Replied, CompileProtocol.DecodeReply(frame));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Kill();
            return (WorkerOutcome.TimedOut, null);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or ObjectDisposedException)
        {
            Kill();
            return (WorkerOutcome.Crashed, null);
        }
    }

    /// <summary>Kills the process and reaps it, so it no longer exists once this returns.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int? ExitCode(Process process) => process.WaitForExit(1_000) ? process.ExitCode : null;

    /// <summary>
    /// The worker's apphost when the build made one (a self-contained publish makes it self-contained too), else its
    /// dll through the <c>dotnet</c> host; either way on the runtime this process runs on.
    /// </summary>
    private static ProcessStartInfo StartInfo()
    {
        var directory = AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? WorkerName + ".exe" : WorkerName);
        var dll = Path.Combine(directory, WorkerName + ".dll");
        // The shared framework this process runs on: .../shared/Microsoft.NETCore.App/<version>/ is three levels below its root.
        var runtimeRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(runtimeRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        ProcessStartInfo start;
        if (File.Exists(apphost))
        {
            start = new ProcessStartInfo(apphost);
        }
        else if (File.Exists(dll) && File.Exists(muxer))
        {
            start = new ProcessStartInfo(muxer);
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(dll);
        }
        else
        {
            throw new InvalidOperationException($"the C# compiler worker is missing from {directory}");
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = directory;
        // A framework-dependent apphost finds the runtime this process uses; a self-contained one ignores this.
        if (File.Exists(muxer))
        {
            start.Environment["DOTNET_ROOT"] = runtimeRoot;
        }

        // The service runs with the server GC (a heap per core); a worker compiles one thing at a time.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        return start;
    }
}
