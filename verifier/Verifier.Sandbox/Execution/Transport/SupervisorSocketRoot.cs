using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// The pool's private folder for its containers' socket directories: a fresh, randomly named folder under
/// <see cref="SandboxOptions.ChannelDirectory"/> that only the verifier's uid can enter (the engine mounts from it as
/// root), so no other user of the host can reach a socket in the moment it listens. Removed with the pool.
/// </summary>
internal sealed class SupervisorSocketRoot : IDisposable
{
    /// <summary>Longest parent folder for which every socket path fits (see <see cref="SandboxOptions.ChannelDirectory"/>).</summary>
    public const int MaxParentLength = 64;

    private readonly string _path;
    private readonly string _enginePath;

    private SupervisorSocketRoot(string path, string enginePath)
    {
        _path = path;
        _enginePath = enginePath;
    }

    /// <summary>
    /// Makes the folder. Where the verifier runs in a container, <see cref="SandboxOptions.ChannelVolume"/> names the
    /// volume mounted at <see cref="SandboxOptions.ChannelDirectory"/>: the engine mounts from that volume's folder on
    /// its host, which is another path than ours.
    /// </summary>
    public static async Task<SupervisorSocketRoot> CreateAsync(IContainerEngine engine, SandboxOptions options, CancellationToken cancellationToken)
    {
        var parent = options.EffectiveChannelDirectory;
        var engineParent = string.IsNullOrEmpty(options.ChannelVolume)
            ? parent
            : await engine.VolumeFolderAsync(options.ChannelVolume, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(parent);
        // Short names: a socket's whole path must fit in 108 bytes (sun_path).
        var name = "vsb-" + Guid.NewGuid().ToString("N")[..12];
        var path = Path.Combine(parent, name);
        PrivateDirectory.Create(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new SupervisorSocketRoot(path, Path.Combine(engineParent, name));
    }

    /// <summary>A listener in a new directory for one container.</summary>
    public SupervisorSocketListener Listen()
    {
        var name = Guid.NewGuid().ToString("N")[..12];
        return SupervisorSocketListener.Open(Path.Combine(_path, name), Path.Combine(_enginePath, name));
    }

    public void Dispose() => SupervisorSocketListener.RemoveDirectory(_path);
}

/// <summary>A new directory with the given permissions (which Windows, where no container mounts it, does not have).</summary>
internal static class PrivateDirectory
{
    public static void Create(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, mode);
        }
    }
}
