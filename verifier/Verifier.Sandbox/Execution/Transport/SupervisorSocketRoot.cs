namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// The pool's private folder for its containers' socket directories: a fresh, randomly named folder under
/// <see cref="SandboxOptions.ChannelDirectory"/> that only the verifier's uid can enter (the engine mounts from it as
/// root), so no other user of the host can reach a socket in the moment it listens. Removed with the pool.
/// </summary>
internal sealed class SupervisorSocketRoot : IDisposable
{
    private readonly string _path;

    /// <summary>Longest parent folder for which every socket path fits (see <see cref="SandboxOptions.ChannelDirectory"/>).</summary>
    public const int MaxParentLength = 64;

    public SupervisorSocketRoot(string parent)
    {
        Directory.CreateDirectory(parent);
        // Short names: a socket's whole path must fit in 108 bytes (sun_path).
        _path = Path.Combine(parent, "vsb-" + Guid.NewGuid().ToString("N")[..12]);
        PrivateDirectory.Create(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A listener in a new directory for one container.</summary>
    public SupervisorSocketListener Listen() => SupervisorSocketListener.Open(Path.Combine(_path, Guid.NewGuid().ToString("N")[..12]));

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
