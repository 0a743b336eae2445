using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Fleet;

/// <summary>
/// One engine of the fleet with everything that is per engine: its client, its resolved runtime, its pool of
/// containers, its capacity, and whether it is in rotation.
/// </summary>
/// <param name="languages">The languages it is configured for, by their own names; empty means all.</param>
internal sealed class EngineCell(string name, IEnumerable<string> languages, IContainerEngine engine, ContainerRuntime runtime, ContainerPool pool, int capacity)
{
    private readonly HashSet<string> _languages = new(languages, StringComparer.OrdinalIgnoreCase);
    private int _inFlight;
    private long _failures;
    private long _reruns;
    private long _placements;
    private volatile string? _downReason;
    private volatile IReadOnlySet<string> _missingImages = new HashSet<string>();

    public string Name { get; } = name;

    public IContainerEngine Engine { get; } = engine;

    public ContainerRuntime Runtime { get; } = runtime;

    public ContainerPool Pool { get; } = pool;

    /// <summary>Runs it holds at once (its pool's run slots).</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Submissions placed on it and not yet done, those still waiting for one of its run slots included.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public int Free => Capacity - InFlight;

    /// <summary>In rotation: it answered its last health check (or has not been checked, and is given its chance).</summary>
    public bool Up => _downReason is null;

    /// <summary>Why it is out of rotation; null while it is in.</summary>
    public string? DownReason => _downReason;

    /// <summary>Times it was taken out of rotation.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Submissions that were running on it when it failed and were run again elsewhere.</summary>
    public long Reruns => Interlocked.Read(ref _reruns);

    /// <summary>Whether it runs <paramref name="language"/>: configured for it and the engine has the image.</summary>
    public bool Serves(RegisteredLanguage language) => IsConfiguredFor(language.Name) && !_missingImages.Contains(language.Image);

    /// <summary>Listed in its languages, or it lists none.</summary>
    public bool IsConfiguredFor(string language) => _languages.Count == 0 || _languages.Contains(language);

    /// <summary>The languages it is configured for; empty means all.</summary>
    public IReadOnlySet<string> Languages => _languages;

    /// <summary>Each configured language's image, and whether the engine has it.</summary>
    public async Task<Dictionary<string, bool>> ImagesAsync(CancellationToken cancellationToken)
    {
        var images = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var language in Pool.Languages.All.Where(l => IsConfiguredFor(l.Name)))
        {
            images[language.Image] = await Engine.ImageExistsAsync(language.Image, cancellationToken).ConfigureAwait(false);
        }

        return images;
    }

    /// <summary>Submissions placed here so far.</summary>
    public long Placements => Interlocked.Read(ref _placements);

    /// <summary>Counts a submission as placed here until the lease is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _placements);
        Interlocked.Increment(ref _inFlight);
        return new Lease(this);
    }

    /// <summary>Marks it up (null) or down (a reason); true when that changed its state.</summary>
    public bool SetDown(string? reason)
    {
        var wasUp = Up;
        _downReason = reason;
        if (wasUp && reason is not null)
        {
            Interlocked.Increment(ref _failures);
        }

        return wasUp != (reason is null);
    }

    public void CountRerun() => Interlocked.Increment(ref _reruns);

    /// <summary>The images it lacks, found by the last health check: placement passes it over for those languages.</summary>
    public void SetMissingImages(IReadOnlySet<string> images)
    {
        _missingImages = images;
        ImagesKnown = true;
    }

    /// <summary>Whether the last look found an image missing.</summary>
    public bool MissesImages => _missingImages.Count > 0;

    /// <summary>Whether a health check has looked at its images yet.</summary>
    public bool ImagesKnown { get; private set; }

    private sealed class Lease(EngineCell cell) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref cell._inFlight);
            }
        }
    }
}
