using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>
/// A <see cref="ContainerPool"/> on the fake engine and a fake clock, with Python as its one language. Nothing is warm
/// unless a test asks for it, so each test starts from an empty engine and the clock moves only when it says so.
/// </summary>
internal sealed class PoolHarness : IAsyncDisposable
{
    /// <summary>Real time allowed for background work that is due to finish; far more than it takes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SandboxMetrics _metrics = new();

    private PoolHarness(SandboxOptions options)
    {
        Options = options;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Languages = new LanguageRegistry([new PythonLanguage()], wrapped);
        Python = Languages.All.Single();
        Runtime = new ContainerRuntime(Engine, wrapped);
        Pool = new ContainerPool(Engine, wrapped, Runtime, Languages, _metrics, Time, NullLogger<ContainerPool>.Instance);
    }

    public FakeContainerEngine Engine { get; } = new();

    public WatchedFakeTime Time { get; } = new();

    public SandboxOptions Options { get; }

    public ContainerRuntime Runtime { get; }

    public LanguageRegistry Languages { get; }

    public RegisteredLanguage Python { get; }

    public ContainerPool Pool { get; }

    /// <summary>The memory a Python submission asks for by default, which every container starts with.</summary>
    public long DefaultMemory => ContainerSpec.MemoryBytesFor(Python, Options.DefaultMemoryMb);

    public static PoolHarness Create(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions
        {
            InstanceName = "fake-pool",
            // The fake supervisor speaks over the fake engine's attach stream.
            Channel = SupervisorTransportKind.Attach,
            Mode = SandboxMode.Fast,
            WarmContainers = 0,
            MaxConcurrentRuns = 4,
            MaxContainers = 8,
            FastIdleMs = 10_000,
            FastReuseLimit = 64,
            ContainerStartTimeoutMs = 60_000,
            ContainerIdleExitSeconds = 3_600,
        };
        configure?.Invoke(options);
        return new PoolHarness(options);
    }

    /// <summary>Starts the pool: the sweep of leftovers, then the background loop.</summary>
    public Task StartAsync() => Pool.EnsureStartedAsync(CancellationToken.None);

    public Task<SandboxContainer> AcquireAsync(string? isolationKey = "tenant/batch", long? memoryBytes = null, CancellationToken cancellationToken = default) =>
        Pool.AcquireAsync(Python, memoryBytes ?? DefaultMemory, isolationKey, cancellationToken);

    /// <summary>One round of the pool's background work at the fake clock's now, run here rather than by the loop.</summary>
    public Task MaintainAsync() => Pool.MaintainOnceAsync();

    /// <summary>
    /// Moves the clock on, then runs a round of the background work at the new time. The loop may run one of its own
    /// as well (the same work, on the same clock), so tests assert what either round would do.
    /// </summary>
    public Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return MaintainAsync();
    }

    /// <summary>
    /// Leaves it to the pool's own loop: moves the clock a maintenance tick at a time, each once the loop sleeps until
    /// its next tick, until the condition holds; returns how much fake time that took. Fails if it does not hold within
    /// <paramref name="limit"/> of fake time.
    /// </summary>
    public async Task<TimeSpan> TickUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var start = Time.GetUtcNow();
        while (!condition())
        {
            var elapsed = Time.GetUtcNow() - start;
            Assert.True(elapsed < limit, $"still not so after {elapsed.TotalSeconds} s of fake time");
            await EventuallyAsync(LoopAsleep);
            Time.Advance(ContainerPool.MaintenanceTick);
            await EventuallyAsync(() => condition() || LoopAsleep()); // the round that tick began is over
        }

        return Time.GetUtcNow() - start;
    }

    private bool LoopAsleep() => Time.HasPendingTimer(ContainerPool.MaintenanceTick);

    /// <summary>Waits (real time) for background work that is already due, such as a removal the pool started.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {Patience.TotalSeconds} s of real time");
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        _metrics.Dispose();
    }
}
