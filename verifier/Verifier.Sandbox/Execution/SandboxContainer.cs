using Verifier.Sandbox.Engine;
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

    /// <summary>The run slot its current submission holds (from acquire to release).</summary>
    public IDisposable? RunSlot
    {
        get => Volatile.Read(ref _runSlot);
        set => Volatile.Write(ref _runSlot, value);
    }

    public void ReleaseRunSlot() => Interlocked.Exchange(ref _runSlot, null)?.Dispose();

    /// <summary>When it became idle (a <see cref="TimeProvider"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>Creates, attaches to and starts a container, then waits for its supervisor's ready frame.</summary>
    public static async Task<SandboxContainer> StartAsync(
        IContainerEngine engine, SandboxOptions options, RegisteredLanguage language, long memoryBytes, TimeProvider time, CancellationToken cancellationToken)
    {
        // Not cancellable: a create cancelled in flight could leave a container behind whose id we never learn.
        var id = await engine.CreateAsync(ContainerSpec.Build(options, language, memoryBytes, time), CancellationToken.None).ConfigureAwait(false);
        SupervisorChannel? channel = null;
        try
        {
            // Attach before start, so that nothing the supervisor says is missed.
            channel = new SupervisorChannel(await engine.AttachAsync(id, cancellationToken).ConfigureAwait(false));
            await engine.StartAsync(id, cancellationToken).ConfigureAwait(false);
            // On the pool's clock, so that a supervisor that never answers is given up on in tests without the wait.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.ContainerStartTimeoutMs), time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            SupervisorReply ready;
            try
            {
                ready = await channel.ReceiveAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SupervisorException($"the supervisor of {ContainerIds.Short(id)} was not ready within {options.ContainerStartTimeoutMs} ms");
            }

            if (ready.Op != "ready" || ready.Protocol != 1)
            {
                throw new SupervisorException($"unexpected first frame '{ready.Op}' (protocol {ready.Protocol}) from {ContainerIds.Short(id)}");
            }

            return new SandboxContainer(id, language, memoryBytes, channel);
        }
        catch
        {
            channel?.Dispose();
            await engine.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => Channel.Dispose();
}
