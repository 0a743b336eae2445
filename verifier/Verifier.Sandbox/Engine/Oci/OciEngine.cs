using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Verifier.Sandbox.Execution.Transport;

namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// The sandbox's containers without an engine: the host's OCI runtime (crun, else runc) started directly on a bundle
/// per container, over the images' root filesystems unpacked once (<see cref="OciEndpoint"/>). What dockerd adds to
/// a container's start and removal (its API, containerd, a shim process per container, overlay layers for each
/// container's root, the network sandbox) is about 100 ms of CPU per container on a two-core host; a strict-mode
/// submission pays it every time. The containment is the same (<see cref="OciBundle"/>); the costs: the verifier
/// runs on the host as root, next to the runtime, with the socket channel only, and no remote engine.
/// </summary>
/// <remarks>
/// Each container runs under a foreground <c>run</c> of the runtime, the verifier's child: it reaps the container's
/// first process and deletes the container when that process ends, so a supervisor that exits by itself (idle, or
/// the verifier gone) leaves nothing behind, as Docker's AutoRemove does.
/// </remarks>
internal sealed class OciEngine : IContainerEngine
{
    /// <summary>The runtimes this engine drives, the preferred first.</summary>
    public static readonly IReadOnlyList<string> KnownRuntimes = ["crun", "runc"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitAfterRemoveTimeout = TimeSpan.FromSeconds(10);

    private readonly string _root;
    private readonly ConcurrentDictionary<string, Run> _running = new(StringComparer.Ordinal);

    /// <summary>The runtime of each container this engine created, so its bundle is not read back for it on every call.</summary>
    private readonly ConcurrentDictionary<string, string> _runtimes = new(StringComparer.Ordinal);

    /// <summary>Each runtime's command line, once its binary is found (one not found is looked for again next time).</summary>
    private readonly ConcurrentDictionary<string, OciRuntimeCommand> _commands = new(StringComparer.Ordinal);

    public OciEngine(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = OciEndpoint.Folder(options.DockerEndpoint)
            ?? throw new ArgumentException($"'{options.DockerEndpoint}' is not an oci:///folder endpoint", nameof(options));
        Endpoint = options.DockerEndpoint;
    }

    public string Endpoint { get; }

    private string ContainersFolder => Path.Combine(_root, "containers");

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException($"the OCI engine ({Endpoint}) starts containers itself and needs the verifier to run as root");
        }

        if (!Directory.Exists(Path.Combine(_root, "images")))
        {
            throw new InvalidOperationException($"{Path.Combine(_root, "images")} does not exist: unpack the images with docker/export-oci-images.sh {_root}");
        }

        if (!KnownRuntimes.Any(r => Executable(r) is not null))
        {
            throw new InvalidOperationException($"neither {string.Join(" nor ", KnownRuntimes)} is installed for the OCI engine ({Endpoint})");
        }

        await OciOrphans.SweepAsync(_root, RuntimeCommand, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(Unpacked(image));

    public Task<EngineRuntimes> RuntimesAsync(CancellationToken cancellationToken)
    {
        var installed = KnownRuntimes.Where(r => Executable(r) is not null).ToList();
        return Task.FromResult(new EngineRuntimes(installed, installed.FirstOrDefault() ?? "runc"));
    }

    public async Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!Unpacked(parameters.Image))
        {
            throw new InvalidOperationException($"the image {parameters.Image} is not unpacked at {Rootfs(parameters.Image)}: run docker/export-oci-images.sh {_root}");
        }

        var runtime = parameters.HostConfig?.Runtime is { Length: > 0 } named ? named : KnownRuntimes[0];
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var bundle = Bundle(id);
        Directory.CreateDirectory(ContainersFolder);
        PrivateDirectory.Create(bundle, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = OciBundle.Config(parameters, id, Rootfs(parameters.Image), runtime, await ImageEnvironmentAsync(parameters.Image, cancellationToken).ConfigureAwait(false));
        await File.WriteAllTextAsync(Path.Combine(bundle, "config.json"), config.ToJsonString(), cancellationToken).ConfigureAwait(false);
        _runtimes[id] = runtime;
        return id;
    }

    public Task<MultiplexedStream> AttachAsync(string id, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the OCI engine has no attach stream: its containers use the socket channel");

    public async Task StartAsync(string id, CancellationToken cancellationToken)
    {
        var bundle = Bundle(id);
        var command = Command(id);
        var pidFile = Path.Combine(bundle, "pid");
        var log = Path.Combine(bundle, "runtime.log");
        // Through a shell only to give the container /dev/null for its standard streams: the supervisor talks over its
        // socket, and nothing it or a program prints may reach the verifier's own output.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec \"$@\" </dev/null >/dev/null 2>&1", "sh", command.Binary, .. command.Global, "--log", log,
                     "run", "--bundle", bundle, "--pid-file", pidFile, id])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var run = new Run(process);
        _running[id] = run;
        process.Exited += (_, _) =>
        {
            run.Log = ReadLog(log);
            _running.TryRemove(id, out _);
            // Once the container's first process ends (on its own or removed), the runtime has deleted it: the bundle
            // goes too. A run that ended while the runtime still has the container (killed from outside) keeps the
            // bundle, so the container is still found by its labels and removed.
            if (!command.Has(id))
            {
                Forget(id);
            }

            run.Ended.TrySetResult(process.ExitCode);
            process.Dispose();
        };
        if (!process.Start())
        {
            _running.TryRemove(id, out _);
            Forget(id);
            throw new InvalidOperationException($"{command.Binary} did not start");
        }

        await WaitForPidFileAsync(id, run, pidFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A container's foreground run of the runtime, and when it ended.</summary>
    private sealed record Run(Process Process)
    {
        /// <summary>What the runtime logged, read as it ended (its bundle goes then).</summary>
        public string Log { get; set; } = "";

        /// <summary>The runtime's exit code once it has ended.</summary>
        public TaskCompletionSource<int> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Task WaitForPidFileAsync(string id, Run run, string pidFile, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            if (run.Ended.Task.IsCompleted)
            {
                // The bundle (and the log in it) is gone with the run: the log was read when it ended.
                throw new InvalidOperationException($"container {ContainerIds.Short(id)} did not start (exit {run.Ended.Task.Result}): {run.Log}");
            }

            if (started.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"container {ContainerIds.Short(id)} was not created within {StartTimeout.TotalSeconds} s");
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UpdateMemoryAsync(string id, long bytes, CancellationToken cancellationToken)
    {
        var command = Command(id);
        var value = bytes.ToString(CultureInfo.InvariantCulture);
        try
        {
            await command.RunAsync(["update", "--memory", value, "--memory-swap", value, id], cancellationToken).ConfigureAwait(false);
        }
        catch (OciRuntimeException e) when (MemoryInUseException.Says(e.Errors))
        {
            throw new MemoryInUseException(e.Message, e);
        }
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Bundle(id)))
        {
            return;
        }

        var command = Command(id);
        if (_running.TryGetValue(id, out var run))
        {
            // Our run deletes the container once its first process ends (the pid namespace ends every other process
            // with it). A delete beside the run's own was seen to leave the runtime's record half removed (its
            // config gone, so no later delete could finish it), so the run is only signalled here.
            try
            {
                await command.RunAsync(["kill", id, "KILL"], cancellationToken).ConfigureAwait(false);
            }
            catch (OciRuntimeException)
            {
                // Not running any more (ended, or not yet started): the wait below and the delete after it settle it.
            }
            try
            {
                await run.Ended.Task.WaitAsync(ExitAfterRemoveTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                KillQuietly(run.Process);
            }
        }

        // A predecessor's container, or a run that ended (or was killed) before it finished deleting.
        if (command.Has(id))
        {
            try
            {
                await command.RunAsync(["delete", "--force", id], cancellationToken).ConfigureAwait(false);
            }
            catch (OciRuntimeException e) when (e.NotFound)
            {
                // Gone meanwhile.
            }
        }

        Forget(id);
    }

    public Task<string> VolumeFolderAsync(string volume, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the OCI engine has no volumes: it runs on the verifier's host, which sees Sandbox:ChannelDirectory itself");

    public Task<IReadOnlyList<string>> ListAsync(string label, string value, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if (Directory.Exists(ContainersFolder))
        {
            foreach (var bundle in Directory.EnumerateDirectories(ContainersFolder))
            {
                if (Annotations(bundle) is { } annotations && annotations.TryGetPropertyValue(label, out var node) && node?.GetValue<string>() == value)
                {
                    found.Add(Path.GetFileName(bundle));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(found);
    }

    /// <summary>
    /// Containers still running are the pool's to remove (it does at shutdown); their runs are left to end with them.
    /// What removed containers left behind goes now.
    /// </summary>
    public void Dispose() => OciOrphans.SweepAsync(_root, RuntimeCommand, CancellationToken.None).GetAwaiter().GetResult();

    private static string ReadLog(string log)
    {
        try
        {
            return File.ReadAllText(log).Trim();
        }
        catch (IOException)
        {
            return "(no runtime log)";
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Ended meanwhile.
        }
    }

    /// <summary>The image's environment as the export script saved it; none where it saved nothing.</summary>
    private async Task<IReadOnlyList<string>> ImageEnvironmentAsync(string image, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetDirectoryName(Rootfs(image))!, "env.json");
        if (!File.Exists(file))
        {
            return [];
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<List<string>>(text) ?? [];
    }

    private bool Unpacked(string image) => Directory.Exists(Path.Combine(Rootfs(image), "usr"));

    private string Rootfs(string image) => Path.Combine(_root, "images", OciEndpoint.ImageFolderName(image), "rootfs");

    private string Bundle(string id) => Path.Combine(ContainersFolder, id);

    /// <summary>
    /// The runtime the container was created for, with the state folder kept for that runtime: remembered from its
    /// creation, or (a predecessor's container) as its bundle says.
    /// </summary>
    private OciRuntimeCommand Command(string id)
    {
        var runtime = _runtimes.TryGetValue(id, out var known)
            ? known
            : Annotations(Bundle(id))?[OciBundle.RuntimeAnnotation]?.GetValue<string>() ?? KnownRuntimes[0];
        return RuntimeCommand(runtime) ?? throw new InvalidOperationException($"the OCI runtime {runtime} is not installed");
    }

    /// <summary>The runtime's command line with the state folder kept for it; null where it is not installed (or is not one this engine drives).</summary>
    private OciRuntimeCommand? RuntimeCommand(string runtime)
    {
        if (_commands.TryGetValue(runtime, out var command))
        {
            return command;
        }

        return KnownRuntimes.Contains(runtime) && Executable(runtime) is { } binary
            ? _commands.GetOrAdd(runtime, new OciRuntimeCommand(binary, Path.Combine(_root, "state", runtime)))
            : null;
    }

    private static JsonObject? Annotations(string bundle)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "config.json")))?["annotations"] as JsonObject;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Forget(string id)
    {
        _runtimes.TryRemove(id, out _);
        try
        {
            Directory.Delete(Bundle(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string? Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
