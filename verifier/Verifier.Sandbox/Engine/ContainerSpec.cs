using System.Globalization;
using Docker.DotNet.Models;
using Verifier.Sandbox.Execution.Transport;
using Verifier.Sandbox.Harness;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Engine;

/// <summary>
/// The containment every sandbox container gets: no network, read-only root, a size-capped tmpfs for writes, no
/// capabilities, no-new-privileges, a non-root user, pids/memory (swap equal to it)/CPU limits, ulimits, private IPC,
/// no host path but its own read-only channel directory (socket channel), no engine socket, an environment with
/// nothing but PATH, locale and the supervisor's settings, and labels; under the OCI runtime
/// <see cref="SandboxOptions.Runtime"/> names.
/// </summary>
internal static class ContainerSpec
{
    private const long Mb = 1024 * 1024;

    /// <summary>Headroom above the program's limit for the supervisor itself (a Python process) and the tmpfs.</summary>
    public const int SupervisorOverheadMb = 64;

    /// <summary>The container's memory while it compiles: the larger of the program's and the compiler's need.</summary>
    public static long MemoryBytesFor(RegisteredLanguage language, int memoryMb) =>
        (Math.Max(memoryMb, language.Language.CompileMemoryMb) + SupervisorOverheadMb) * Mb;

    /// <summary>The container's memory while the program runs: its own limit and the supervisor's headroom.</summary>
    public static long RunMemoryBytes(int memoryMb) => (memoryMb + SupervisorOverheadMb) * Mb;

    /// <param name="channelDirectory">The socket channel's directory on the engine's host; null for the attach channel.</param>
    /// <param name="runtime">The OCI runtime, as <see cref="ContainerRuntime"/> resolved it (a name, never <c>auto</c>).</param>
    public static CreateContainerParameters Build(
        SandboxOptions options, string runtime, RegisteredLanguage language, long memoryBytes, TimeProvider time, string? channelDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(language);
        var invariant = CultureInfo.InvariantCulture;
        var attached = channelDirectory is null;
        List<string> env = [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8",
            $"VERIFIER_IDLE_EXIT_S={options.ContainerIdleExitSeconds.ToString(invariant)}",
        ];
        if (!attached)
        {
            env.Add($"VERIFIER_CHANNEL={SupervisorSocketListener.ContainerSocketPath}");
        }

        return new CreateContainerParameters
        {
            Image = language.Image,
            // The entrypoint is set, not left to the image, so an image's own entrypoint cannot wrap the supervisor.
            Entrypoint = ["python3"],
            Cmd = ["-I", "-S", "-c", HarnessScripts.Supervisor],
            User = options.User,
            WorkingDir = "/",
            Env = env,
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.Managed] = "true",
                [ContainerLabels.Instance] = options.InstanceName,
                [ContainerLabels.Language] = language.Name,
                [ContainerLabels.Created] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(invariant),
            },
            AttachStdin = attached,
            AttachStdout = attached,
            AttachStderr = attached,
            OpenStdin = attached,
            StdinOnce = false,
            Tty = false,
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                // The containment below is the same under every runtime: runc and crun both apply the spec.
                Runtime = runtime,
                NetworkMode = "none",
                ReadonlyRootfs = true,
                Privileged = false,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                IpcMode = "private",
                Memory = memoryBytes,
                MemorySwap = memoryBytes,
                MemorySwappiness = 0,
                PidsLimit = options.PidsLimit,
                NanoCPUs = (long)(options.Cpus * 1e9),
                Tmpfs = new Dictionary<string, string>
                {
                    ["/tmp"] = $"rw,exec,nosuid,nodev,size={options.TmpfsMb.ToString(invariant)}m,mode=1777",
                },
                ShmSize = options.ShmMb * Mb,
                Ulimits =
                [
                    new Ulimit { Name = "nofile", Soft = options.OpenFilesLimit, Hard = options.OpenFilesLimit },
                    new Ulimit { Name = "fsize", Soft = options.TmpfsMb * Mb, Hard = options.TmpfsMb * Mb },
                    new Ulimit { Name = "core", Soft = 0, Hard = 0 },
                ],
                // Nothing is logged: the channel is the only way out, and nothing a submission prints reaches disk.
                LogConfig = new LogConfig { Type = "none" },
                // A container whose supervisor exits (verifier gone, idle timeout) disappears by itself.
                AutoRemove = true,
                Binds = [],
                Mounts = attached ? [] : [ChannelMount(channelDirectory!)],
                Devices = [],
            },
        };
    }

    /// <summary>The container's own channel directory, read-only: the supervisor can connect, nothing can write to the host.</summary>
    private static Mount ChannelMount(string hostDirectory) => new()
    {
        Type = "bind",
        Source = hostDirectory,
        Target = SupervisorSocketListener.ContainerDirectory,
        // Propagation left to the engine: it requires rslave for a source inside its root (a volume's folder).
        ReadOnly = true,
    };
}
