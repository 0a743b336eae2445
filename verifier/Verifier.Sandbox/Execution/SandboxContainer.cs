using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution.Transport;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Execution;

/// <summary>A started sandbox container and the channel to its supervisor.</summary>
internal sealed class SandboxContainer : IDisposable
{
    private SandboxContainer(string id, RegisteredLanguage language, long memoryBytes, SupervisorChannel channel)
    {
        Id = id;
        Language = language;
        MemoryBytes = memoryBytes;
        Channel = channel;
    }

    public string Id { get; }

    public string ShortId => ContainerIds.Short(Id);

    public RegisteredLanguage Language { get; }

    /// <summary>The container's memory limit (the program's limit plus compile and supervisor headroom).</summary>
    public long MemoryBytes { get; set; }

    public SupervisorChannel Channel { get; }

    /// <summary>Fast mode: the isolation key this container is bound to after its first submission.</summary>
    public string? BoundKey { get; set; }

    public int Uses { get; set; }

    private IDisposable? _runSlot;

    /// <summary>Socket channel: the container's directory on the host, removed with the container.</summary>
    private string? _channelDirectory;

    /// <summary>The run slot its current submission holds (from acquire to release).</summary>
    public IDisposable? RunSlot
    {
        get => Volatile.Read(ref _runSlot);
        set => Volatile.Write(ref _runSlot, value);
    }

    public void ReleaseRunSlot() => Interlocked.Exchange(ref _runSlot, null)?.Dispose();

    /// <summary>When it became idle (a <see cref="TimeProvider"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>
    /// Creates and starts a container under <paramref name="runtime"/> (resolved, never <c>auto</c>), opens the channel to its supervisor (<paramref name="sockets"/>: a Unix socket
    /// off the engine's data path; null: the attach stream), then waits for the supervisor's ready frame.
    /// </summary>
    public static async Task<SandboxContainer> StartAsync(
        IContainerEngine engine, SupervisorSocketRoot? sockets, SandboxOptions options, string runtime, RegisteredLanguage language, long memoryBytes,
        TimeProvider time, CancellationToken cancellationToken)
    {
        using var listener = sockets?.Listen();
        string? id = null;
        SupervisorChannel? channel = null;
        try
        {
            // Not cancellable: a create cancelled in flight could leave a container behind whose id we never learn.
            id = await engine.CreateAsync(ContainerSpec.Build(options, runtime, language, memoryBytes, time, listener?.EngineDirectory), CancellationToken.None).ConfigureAwait(false);
            // On the pool's clock, so that a supervisor that never answers is given up on in tests without the wait.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.ContainerStartTimeoutMs), time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            SupervisorReply ready;
            try
            {
                channel = await OpenChannelAsync(engine, listener, id, deadline.Token, cancellationToken).ConfigureAwait(false);
                ready = await channel.ReceiveAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SupervisorException(listener is null
                    ? $"the supervisor of {ContainerIds.Short(id)} was not ready within {options.ContainerStartTimeoutMs} ms"
                    : $"the supervisor of {ContainerIds.Short(id)} did not connect to {listener.Directory} within {options.ContainerStartTimeoutMs} ms "
                        + "(the engine must see Sandbox:ChannelDirectory at the same path, or Sandbox:ChannelVolume name the volume mounted there; Sandbox:Channel=Attach needs neither)");
            }

            if (ready.Op != "ready" || ready.Protocol != 1)
            {
                throw new SupervisorException($"unexpected first frame '{ready.Op}' (protocol {ready.Protocol}) from {ContainerIds.Short(id)}");
            }

            return new SandboxContainer(id, language, memoryBytes, channel) { _channelDirectory = listener?.Directory };
        }
        catch
        {
            channel?.Dispose();
            if (id is not null)
            {
                await engine.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
            }

            if (listener is not null)
            {
                SupervisorSocketListener.RemoveDirectory(listener.Directory);
            }

            throw;
        }
    }

    private static async Task<SupervisorChannel> OpenChannelAsync(
        IContainerEngine engine, SupervisorSocketListener? listener, string id, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (listener is null)
        {
            // Attach before start, so that nothing the supervisor says is missed.
            var channel = new SupervisorChannel(new AttachTransport(await engine.AttachAsync(id, cancellationToken).ConfigureAwait(false)));
            try
            {
                await engine.StartAsync(id, cancellationToken).ConfigureAwait(false);
                return channel;
            }
            catch
            {
                channel.Dispose();
                throw;
            }
        }

        await engine.StartAsync(id, cancellationToken).ConfigureAwait(false);
        return new SupervisorChannel(new SocketTransport(await listener.AcceptAsync(deadline).ConfigureAwait(false)));
    }

    public void Dispose()
    {
        Channel.Dispose();
        if (_channelDirectory is not null)
        {
            SupervisorSocketListener.RemoveDirectory(_channelDirectory);
        }
    }
}
