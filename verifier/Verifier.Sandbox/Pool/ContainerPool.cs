using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Execution.Transport;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Pool;

/// <summary>
/// Owns every sandbox container: a warm pool of pre-started ones per language (refilled in the background), the idle
/// containers of fast mode (each bound to one isolation key), the run slots that bound concurrency, and removal on
/// every path. At start it removes the containers a crashed predecessor with the same instance name left behind; on
/// dispose it removes every container it created.
/// </summary>
internal sealed partial class ContainerPool : IAsyncDisposable, IDisposable
{
    /// <summary>How long a language's warm starts (or the start-up sweep) pause after a failure: an engine that is down is not hammered.</summary>
    internal static readonly TimeSpan StartFailureBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How often the background work looks at the clock when nothing wakes it.</summary>
    internal static readonly TimeSpan MaintenanceTick = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a submission that found every place taken (by starts and runs) looks again.</summary>
    internal static readonly TimeSpan PlaceRetry = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest one removal (or the shutdown sweep) may take before it is given up and logged.</summary>
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);

    private readonly IContainerEngine _engine;
    private readonly SandboxOptions _options;
    private readonly ContainerRuntime _runtime;
    private readonly LanguageRegistry _languages;
    private readonly SandboxMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ContainerPool> _logger;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<SandboxContainer>> _warm = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _warmStarting = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _lastStartFailure = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Key, string Language), LinkedList<SandboxContainer>> _idle = [];
    private readonly ConcurrentDictionary<string, SandboxContainer> _live = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    /// <summary>Socket channel: the folder of the containers' socket directories, made before the first container.</summary>
    private SupervisorSocketRoot? _sockets;
    private readonly FairSlots _runSlots;
    private readonly SemaphoreSlim _startSlots;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task? _started;
    private Task? _maintenance;
    private readonly SemaphoreSlim _sweepLock = new(1);
    private volatile bool _swept;
    private long _lastSweepAttempt;
    private int _reserved;
    private readonly TaskCompletionSource _startsDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _busy;
    private long _containersStarted;
    private bool _disposed;

    public ContainerPool(
        IContainerEngine engine,
        IOptions<SandboxOptions> options,
        ContainerRuntime runtime,
        LanguageRegistry languages,
        SandboxMetrics metrics,
        TimeProvider time,
        ILogger<ContainerPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _options = options.Value;
        _runtime = runtime;
        _languages = languages;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        // Waiting for other tenants' runs longer than the longest run one item can have means the sandbox is stuck.
        _runSlots = new FairSlots(
            _options.EffectiveMaxConcurrentRuns,
            _options.EffectiveMaxConcurrentRunsPerTenant,
            _options.MaxItemRunTime + TimeSpan.FromMilliseconds(_options.ContainerStartTimeoutMs),
            _time,
            "sandbox run");
        _startSlots = new SemaphoreSlim(_options.ParallelStarts);
        foreach (var language in languages.All)
        {
            _warm[language.Name] = new Queue<SandboxContainer>();
            _warmStarting[language.Name] = 0;
        }

        metrics.ObservePool(() => Counts());
    }

    public SandboxMode Mode => _options.Mode;

    /// <summary>
    /// A container for one submission: in fast mode an idle one of the same isolation key if there is one, else a
    /// warm one, else a fresh one. Waits for a run slot first, so queued submissions hold no container.
    /// </summary>
    public async Task<SandboxContainer> AcquireAsync(RegisteredLanguage language, long memoryBytes, string? isolationKey, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await EnsureSweptAsync(cancellationToken).ConfigureAwait(false);
        var waited = _time.GetTimestamp();
        var slot = await _runSlots.EnterAsync(FairSlots.TenantOf(isolationKey), cancellationToken).ConfigureAwait(false);
        try
        {
            var container = TakeIdle(language, isolationKey) ?? TakeWarm(language);
            _wake.Release();
            if (container is null)
            {
                await ReserveAsync(cancellationToken).ConfigureAwait(false);
                container = await StartForSubmissionAsync(language, Math.Max(memoryBytes, DefaultMemoryBytes(language)), cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _busy);
            _metrics.AcquireWait(_time.GetElapsedTime(waited).TotalMilliseconds, language.Name);
            if (container.MemoryBytes < memoryBytes)
            {
                try
                {
                    await _engine.UpdateMemoryAsync(container.Id, memoryBytes, cancellationToken).ConfigureAwait(false);
                    container.MemoryBytes = memoryBytes;
                }
                catch
                {
                    Interlocked.Decrement(ref _busy);
                    await DestroyAsync(container).ConfigureAwait(false);
                    throw;
                }
            }

            container.RunSlot = slot;
            return container;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Gives a container back after its submission. Fast mode keeps a clean one for the next submission of the same
    /// isolation key; everything else is removed (in the background: the caller does not wait for the engine).
    /// </summary>
    public void Release(SandboxContainer container, bool clean, string? isolationKey)
    {
        Interlocked.Decrement(ref _busy);
        container.ReleaseRunSlot();
        container.Uses++;
        var keep = _options.Mode == SandboxMode.Fast && clean && isolationKey is not null
            && container.Uses < _options.FastReuseLimit && _options.FastIdleMs > 0 && !container.Channel.Broken;
        if (keep)
        {
            lock (_lock)
            {
                keep = !_disposed;
                if (keep)
                {
                    container.BoundKey = isolationKey;
                    container.IdleSince = _time.GetTimestamp();
                    var key = (isolationKey!, container.Language.Name);
                    if (!_idle.TryGetValue(key, out var list))
                    {
                        _idle[key] = list = new LinkedList<SandboxContainer>();
                    }

                    list.AddLast(container);
                }
            }
        }

        if (!keep)
        {
            _ = DestroyAsync(container);
        }

        _wake.Release();
    }

    /// <summary>Gives back a container whose submission failed or was cancelled: it is killed and removed before this returns.</summary>
    public async Task AbandonAsync(SandboxContainer container)
    {
        Interlocked.Decrement(ref _busy);
        container.ReleaseRunSlot();
        await DestroyAsync(container).ConfigureAwait(false);
        _wake.Release();
    }

    /// <summary>Containers this pool has started (warm ones and a submission's own).</summary>
    public long ContainersStarted => Interlocked.Read(ref _containersStarted);

    /// <summary>The languages this pool starts containers for, with its own warm counts.</summary>
    public LanguageRegistry Languages => _languages;

    /// <summary>Fast mode: whether an idle container of this isolation key and language waits here.</summary>
    public bool HasIdle(RegisteredLanguage language, string isolationKey)
    {
        lock (_lock)
        {
            return _idle.ContainsKey((isolationKey, language.Name));
        }
    }

    /// <summary>
    /// Removes the warm and idle containers (their engine went away, and with it, likely, them): none is handed to a
    /// submission after this. Removal runs in the background and only logs what it cannot reach.
    /// </summary>
    public void DropReady()
    {
        List<SandboxContainer> dropped;
        lock (_lock)
        {
            dropped = [.. _warm.Values.SelectMany(q => q), .. _idle.Values.SelectMany(l => l)];
            foreach (var queue in _warm.Values)
            {
                queue.Clear();
            }

            _idle.Clear();
        }

        foreach (var container in dropped)
        {
            _ = DestroyAsync(container);
        }
    }

    public (int Warm, int Idle, int Busy, int Live) Counts()
    {
        lock (_lock)
        {
            return (_warm.Values.Sum(q => q.Count), _idle.Values.Sum(l => l.Count), Volatile.Read(ref _busy), _live.Count);
        }
    }

    private SandboxContainer? TakeIdle(RegisteredLanguage language, string? isolationKey)
    {
        if (_options.Mode != SandboxMode.Fast || isolationKey is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_idle.TryGetValue((isolationKey, language.Name), out var list) || list.Last is not { } last)
            {
                return null;
            }

            list.RemoveLast();
            if (list.Count == 0)
            {
                _idle.Remove((isolationKey, language.Name));
            }

            return last.Value;
        }
    }

    private SandboxContainer? TakeWarm(RegisteredLanguage language)
    {
        lock (_lock)
        {
            return _warm[language.Name].TryDequeue(out var container) ? container : null;
        }
    }

    private long DefaultMemoryBytes(RegisteredLanguage language) => ContainerSpec.MemoryBytesFor(language, _options.DefaultMemoryMb);

    /// <summary>Takes one of the MaxContainers places, evicting idle containers (oldest first) when all are taken.</summary>
    private async Task ReserveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SandboxContainer? victim = null;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_live.Count + _reserved < _options.MaxContainers)
                {
                    _reserved++;
                    return;
                }

                victim = OldestIdle() ?? _warm.Values.Where(q => q.Count > 0).Select(q => q.Dequeue()).FirstOrDefault();
            }

            if (victim is not null)
            {
                await DestroyAsync(victim).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(PlaceRetry, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private SandboxContainer? OldestIdle()
    {
        KeyValuePair<(string, string), LinkedList<SandboxContainer>>? oldest = null;
        foreach (var entry in _idle)
        {
            if (oldest is null || entry.Value.First!.Value.IdleSince < oldest.Value.Value.First!.Value.IdleSince)
            {
                oldest = entry;
            }
        }

        if (oldest is not { } found)
        {
            return null;
        }

        var container = found.Value.First!.Value;
        found.Value.RemoveFirst();
        if (found.Value.Count == 0)
        {
            _idle.Remove(found.Key);
        }

        return container;
    }

    /// <summary>A fresh container for a submission, which shutdown calls off (all but the create) as well as the caller.</summary>
    private async Task<SandboxContainer> StartForSubmissionAsync(RegisteredLanguage language, long memoryBytes, CancellationToken cancellationToken)
    {
        using var callerOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            return await StartContainerAsync(language, memoryBytes, callerOrStop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ShuttingDown();
        }
    }

    /// <summary>
    /// Starts a container in a place already reserved by <see cref="ReserveAsync"/>. One that comes up after shutdown
    /// began is not handed out: it is removed, and shutdown waits for that (see <see cref="_startsDrained"/>).
    /// </summary>
    private async Task<SandboxContainer> StartContainerAsync(RegisteredLanguage language, long memoryBytes, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        SandboxContainer? container = null;
        var kept = false;
        try
        {
            // Resolved once by ContainerRuntime, which keeps the answer; asked again only while it cannot be.
            var runtime = await _runtime.ResolveAsync(cancellationToken).ConfigureAwait(false);
            container = await SandboxContainer.StartAsync(_engine, _sockets, _options, runtime, language, memoryBytes, _time, cancellationToken).ConfigureAwait(false);
            _metrics.ContainerStarted(_options.EngineName, language.Name, runtime, _time.GetElapsedTime(started).TotalMilliseconds, ok: true);
            Interlocked.Increment(ref _containersStarted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _metrics.ContainerStarted(_options.EngineName, language.Name, _runtime.Resolved ?? _runtime.Configured, _time.GetElapsedTime(started).TotalMilliseconds, ok: false);
            throw;
        }
        finally
        {
            lock (_lock)
            {
                kept = container is not null && !_disposed;
                if (kept)
                {
                    _live[container!.Id] = container;
                }
            }

            // Tracked before the place is given back, so that shutdown, once no start is left, waits for this removal.
            var removal = container is not null && !kept ? DestroyAsync(container) : null;
            lock (_lock)
            {
                Unreserve();
            }

            if (removal is not null)
            {
                await removal.ConfigureAwait(false);
            }
        }

        return kept ? container! : throw ShuttingDown();
    }

    /// <summary>
    /// The options with the runtime resolved, from the first start on. An explicitly named runtime the engine lacks
    /// throws here, so that no container starts under another one; the next start asks the engine again.
    /// </summary>
    private static ObjectDisposedException ShuttingDown() => new(objectName: null, "the sandbox is shutting down");

    /// <summary>Gives back a place taken by <see cref="ReserveAsync"/> or a warm start; under <see cref="_lock"/>.</summary>
    private void Unreserve()
    {
        _reserved--;
        if (_reserved == 0 && _disposed)
        {
            _startsDrained.TrySetResult();
        }
    }
}
