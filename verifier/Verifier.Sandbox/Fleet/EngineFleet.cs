using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Engine.Oci;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Fleet;

/// <summary>
/// The engines a verifier drives (<see cref="SandboxOptions.Engines"/>, or the one engine of the single-engine settings):
/// places each submission on the engine in rotation with the most free capacity that serves its language, watches
/// every engine's health in the background, and takes one that stops answering out of rotation until it answers again.
/// </summary>
internal sealed partial class EngineFleet : IAsyncDisposable, IDisposable
{
    /// <summary>The longest a health check or a confirmation that an engine is gone waits for the engine's answer.</summary>
    internal static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineFleet> _logger;
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _monitor;
    private int _nextTie;
    private int _disposed;

    public EngineFleet(IReadOnlyList<EngineCell> cells, IReadOnlyList<IDisposable> owned, SandboxOptions options, SandboxMetrics metrics, TimeProvider time, ILogger<EngineFleet> logger)
    {
        Cells = cells;
        _owned = owned;
        _options = options;
        _time = time;
        _logger = logger;
        metrics.ObservePool(() => Sum(cells.Select(c => c.Pool.Counts())));
        metrics.ObserveEngines(() => cells);
    }

    public IReadOnlyList<EngineCell> Cells { get; }

    /// <summary>
    /// The fleet of <see cref="SandboxOptions.Engines"/>: an engine client, runtime and pool for each entry. The single-engine
    /// settings give a fleet of one that uses the engine, runtime and pool registered in the container (so a host
    /// that replaces the engine, as tests do, still gets its own).
    /// </summary>
    public static EngineFleet Create(IServiceProvider services)
    {
        var get = (Type type) => services.GetService(type) ?? throw new InvalidOperationException($"{type.Name} is not registered");
        var options = ((IOptions<SandboxOptions>)get(typeof(IOptions<SandboxOptions>))).Value;
        var metrics = (SandboxMetrics)get(typeof(SandboxMetrics));
        var time = (TimeProvider)get(typeof(TimeProvider));
        var loggers = (ILoggerFactory?)services.GetService(typeof(ILoggerFactory));
        var logger = (ILogger<EngineFleet>)get(typeof(ILogger<EngineFleet>));
        if (options.Engines.Count == 0)
        {
            var single = options.EffectiveEngines[0];
            var cell = new EngineCell(
                single.Name, single.Languages, (IContainerEngine)get(typeof(IContainerEngine)), (ContainerRuntime)get(typeof(ContainerRuntime)), (ContainerPool)get(typeof(ContainerPool)),
                options.EffectiveMaxConcurrentRuns);
            return new EngineFleet([cell], [], options, metrics, time, logger);
        }

        var languages = ((IEnumerable<ISandboxLanguage>)get(typeof(IEnumerable<ISandboxLanguage>))).ToList();
        var registry = (LanguageRegistry)get(typeof(LanguageRegistry));
        var unknown = options.Engines.SelectMany((e, i) => e.Languages.Where(l => !registry.TryGet(l, out _)).Select(l => $"Sandbox:Engines:{i} ('{e.Name}'):Languages names '{l}', which is not an enabled language")).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(SandboxOptions.Section, typeof(SandboxOptions), unknown);
        }

        var cells = new List<EngineCell>();
        var owned = new List<IDisposable>();
        foreach (var settings in options.Engines)
        {
            // Languages by their own names: an entry may list a fence tag (js, golang), which placement would not match.
            var served = settings.Languages.Select(l => registry.TryGet(l, out var language) ? language.Name : l).ToList();
            var engineOptions = options.ForEngine(settings);
            engineOptions.Languages = WarmOnlyServed(options, served, registry);
            var wrapped = Options.Create(engineOptions);
            var engine = ContainerEngines.Create(engineOptions);
            owned.Add(engine);
            var runtime = new ContainerRuntime(engine, wrapped);
            var pool = new ContainerPool(
                engine, wrapped, runtime, new LanguageRegistry(languages, wrapped), metrics, time,
                loggers?.CreateLogger<ContainerPool>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<ContainerPool>.Instance);
            cells.Add(new EngineCell(settings.Name, served, engine, runtime, pool, engineOptions.EffectiveMaxConcurrentRuns));
        }

        return new EngineFleet(cells, owned, options, metrics, time, logger);
    }

    /// <summary>The per-language settings for one engine: languages it does not serve keep no warm container there.</summary>
    private static Dictionary<string, SandboxLanguageOptions> WarmOnlyServed(SandboxOptions options, IReadOnlyCollection<string> served, LanguageRegistry registry)
    {
        var copy = new Dictionary<string, SandboxLanguageOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, settings) in options.Languages)
        {
            copy[name] = new SandboxLanguageOptions { Image = settings.Image, Enabled = settings.Enabled, Version = settings.Version, WarmContainers = settings.WarmContainers };
        }

        if (served.Count == 0)
        {
            return copy;
        }

        foreach (var language in registry.All.Where(l => !served.Contains(l.Name, StringComparer.OrdinalIgnoreCase)))
        {
            copy[language.Name] = copy.TryGetValue(language.Name, out var settings) ? settings : new SandboxLanguageOptions();
            copy[language.Name].WarmContainers = 0;
        }

        return copy;
    }

    /// <summary>Starts every engine's pool, checks each engine once (so one that is down at boot is out of rotation from the start), then watches them.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Cells.Select(c => c.Pool.EnsureStartedAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(Cells.Select(c => CheckAsync(c, _stopping.Token))).ConfigureAwait(false);
        _monitor ??= Task.Run(() => MonitorAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// The engine for a submission, among those in rotation that serve its language and are not in
    /// <paramref name="exclude"/>: one whose pool holds an idle container of its isolation key (fast mode's reuse)
    /// while it has room; else the key's home engine (rendezvous hashing of the key over the candidates) while it has
    /// room, so that a request's items keep to one engine and reuse its containers instead of starting more on every
    /// engine; else the one with the most free capacity, ties going round the engines. Null when none can take it.
    /// </summary>
    public EngineCell? Place(RegisteredLanguage language, string? isolationKey, IReadOnlyCollection<EngineCell> exclude)
    {
        // One engine is tried whatever its state, as before fleets: there is no other, and its own error says more.
        var candidates = Cells.Where(c => (c.Up || Cells.Count == 1) && c.Serves(language) && !exclude.Contains(c)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // One reading of each engine's load: it changes under us, and two readings could leave no engine tied for the best.
        var free = candidates.Select(c => (Cell: c, Free: c.Free)).ToList();
        if (isolationKey is not null)
        {
            if (free.FirstOrDefault(c => c.Free > 0 && c.Cell.Pool.HasIdle(language, isolationKey)).Cell is { } warm)
            {
                return warm;
            }

            var home = free.MaxBy(c => HomeScore(isolationKey, c.Cell.Name));
            if (home.Free > 0)
            {
                return home.Cell;
            }
        }

        var best = free.Max(c => c.Free);
        var tied = free.Where(c => c.Free == best).ToList();
        return tied[(int)((uint)Interlocked.Increment(ref _nextTie) % (uint)tied.Count)].Cell;
    }

    /// <summary>Rendezvous hashing: each key ranks the engines the same way on every replica, and losing one engine moves only its keys.</summary>
    private static ulong HomeScore(string isolationKey, string engine) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(isolationKey + "\n" + engine)));

    /// <summary>Why no engine can take a <paramref name="language"/> submission, for its infra_error.</summary>
    public string NoEngineReason(RegisteredLanguage language, IReadOnlyCollection<EngineCell> failed)
    {
        var serving = Cells.Where(c => c.IsConfiguredFor(language.Name)).ToList();
        if (serving.Count == 0)
        {
            return $"no sandbox engine is configured for {language.Name} (Sandbox:Engines:N:Languages)";
        }

        var lacking = serving.Where(c => c.Up && !c.Serves(language)).Select(c => $"'{c.Name}' (it lacks the image {language.Image}: {MissingImageHint(c.Engine)})");
        var down = serving.Where(c => !c.Up).Select(c => $"'{c.Name}' ({c.DownReason})");
        var lost = failed.Select(c => $"'{c.Name}' (failed during the run)");
        return $"no sandbox engine can run {language.Name}: {string.Join("; ", lost.Concat(down).Concat(lacking).Distinct())}";
    }

    /// <summary>
    /// After a submission failed on <paramref name="cell"/> for a reason of the sandbox's own: whether the engine itself
    /// is gone (it does not answer a ping), in which case it is out of rotation and the submission may run elsewhere.
    /// An engine that answers means the failure was this container's, and the submission's result stands as it is.
    /// </summary>
    public async Task<bool> ConfirmLostAsync(EngineCell cell)
    {
        if (!cell.Up)
        {
            return true;
        }

        var problem = await PingAsync(cell, _stopping.Token).ConfigureAwait(false);
        if (problem is null)
        {
            return false;
        }

        TakeOut(cell, problem);
        return true;
    }

    private async Task MonitorAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.EngineHealthIntervalMs), _time, stopping).ConfigureAwait(false);
                await Task.WhenAll(Cells.Select(c => CheckAsync(c, stopping))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogMonitorFailed(e);
            }
        }
    }

    /// <summary>One health check: the engine answers, has the runtime; when it comes (back) into rotation, which images it has.</summary>
    private async Task CheckAsync(EngineCell cell, CancellationToken stopping)
    {
        var problem = await PingAsync(cell, stopping).ConfigureAwait(false);
        if (problem is not null)
        {
            TakeOut(cell, problem);
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(PingTimeout);
            await cell.Runtime.ResolveAsync(timeout.Token).ConfigureAwait(false);
            // Looked at again while any is missing: an engine that pulls its images after it came up serves them once they are there.
            if (!cell.Up || !cell.ImagesKnown || cell.MissesImages)
            {
                var images = await cell.ImagesAsync(timeout.Token).ConfigureAwait(false);
                cell.SetMissingImages(images.Where(i => !i.Value).Select(i => i.Key).ToHashSet(StringComparer.Ordinal));
            }
        }
        catch (ContainerRuntimeMissingException e)
        {
            TakeOut(cell, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            TakeOut(cell, $"the engine at {cell.Engine.Endpoint} did not answer: {e.Message}");
            return;
        }

        if (cell.SetDown(null))
        {
            LogBack(cell.Name, cell.Engine.Endpoint);
        }
    }

    /// <summary>Null when the engine answers a ping within <see cref="PingTimeout"/>, else what went wrong.</summary>
    private static async Task<string?> PingAsync(EngineCell cell, CancellationToken stopping)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(PingTimeout);
            await cell.Engine.PingAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return $"the engine at {cell.Engine.Endpoint} did not answer within {PingTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"the engine at {cell.Engine.Endpoint} is not reachable: {e.Message}";
        }
    }

    private void TakeOut(EngineCell cell, string reason)
    {
        if (cell.SetDown(reason))
        {
            LogOut(cell.Name, reason);
            // Its warm and idle containers went with it; the next submission there must not be handed one.
            cell.Pool.DropReady();
        }
    }

    private static (int Warm, int Idle, int Busy, int Live) Sum(IEnumerable<(int Warm, int Idle, int Busy, int Live)> counts) =>
        counts.Aggregate((0, 0, 0, 0), (a, c) => (a.Item1 + c.Warm, a.Item2 + c.Idle, a.Item3 + c.Busy, a.Item4 + c.Live));

    /// <summary>For hosts that dispose synchronously; the pools' containers are removed all the same.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        // Twice in a host: the hosted service stops the fleet, then the container disposes it.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(false);
        }

        await Task.WhenAll(Cells.Select(c => c.Pool.DisposeAsync().AsTask())).ConfigureAwait(false);
        foreach (var disposable in _owned)
        {
            disposable.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox engine '{Engine}' is out of rotation: {Reason}")]
    private partial void LogOut(string engine, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox engine '{Engine}' at {Endpoint} is back in rotation")]
    private partial void LogBack(string engine, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox engine health monitoring failed")]
    private partial void LogMonitorFailed(Exception exception);

    private static string MissingImageHint(IContainerEngine engine) => OciEndpoint.Is(engine.Endpoint)
        ? $"run docker/build-images.sh, then docker/export-oci-images.sh {OciEndpoint.Folder(engine.Endpoint)}"
        : "run docker/build-images.sh, or pull it";
}
