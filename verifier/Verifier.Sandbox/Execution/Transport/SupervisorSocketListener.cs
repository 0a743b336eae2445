using System.Net.Sockets;

namespace Verifier.Sandbox.Execution.Transport;

/// <summary>
/// The rendezvous for one container's <see cref="SocketTransport"/>. The verifier listens on a Unix socket in a
/// directory of its own, which is mounted read-only into that one container only; the supervisor connects as the
/// container's first act, before any submission runs in it. The first connection is taken, then the listener is
/// closed and the socket file removed: nothing that runs later in the container (a submission, as the same uid) can
/// connect again, and the mount is read-only, so it cannot leave files on the host either.
/// </summary>
internal sealed class SupervisorSocketListener : IDisposable
{
    /// <summary>Where the directory appears inside the container.</summary>
    public const string ContainerDirectory = "/run/verifier-channel";

    public const string SocketName = "sock";

    private readonly Socket _listener;
    private readonly string _socketPath;
    private bool _closed;

    private SupervisorSocketListener(string directory, string engineDirectory, Socket listener, string socketPath)
    {
        Directory = directory;
        EngineDirectory = engineDirectory;
        _listener = listener;
        _socketPath = socketPath;
    }

    /// <summary>The socket's directory as the verifier sees it; it goes when the container does.</summary>
    public string Directory { get; }

    /// <summary>The same directory as the engine sees it, to mount into the container (another path when the verifier runs in a container).</summary>
    public string EngineDirectory { get; }

    public static string ContainerSocketPath => $"{ContainerDirectory}/{SocketName}";

    /// <summary>Listens in a new directory <paramref name="directory"/>, whose parent only the verifier can enter.</summary>
    public static SupervisorSocketListener Open(string directory, string engineDirectory)
    {
        // Searchable by the container's uid (it connects by name), listable by nobody else but us.
        PrivateDirectory.Create(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var socketPath = Path.Combine(directory, SocketName);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            // The container's uid is not ours (the verifier may run as root or as another user): connecting needs write.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, (UnixFileMode)0b110_110_110);
            }

            return new SupervisorSocketListener(directory, engineDirectory, listener, socketPath);
        }
        catch
        {
            listener.Dispose();
            RemoveDirectory(directory);
            throw;
        }
    }

    /// <summary>Takes the supervisor's connection, the only one this listener ever accepts.</summary>
    public async Task<Socket> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Removes a container's directory once the container is gone (or never came).</summary>
    public static void RemoveDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone; nothing else can be in it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _listener.Dispose();
        try
        {
            File.Delete(_socketPath);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Stops listening; the directory stays for the container (see <see cref="RemoveDirectory"/>).</summary>
    public void Dispose() => Close();
}
