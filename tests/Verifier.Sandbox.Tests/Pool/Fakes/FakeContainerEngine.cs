using Docker.DotNet;
using Docker.DotNet.Models;
using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>
/// An engine in memory, for the pool's lifecycle tests: containers are entries in a table, every call is counted and
/// logged, and each operation can be made to fail or be held in flight (<see cref="FakeOperation"/>). Calls complete
/// at once unless held, so a pool on this engine and a fake clock does in microseconds what Docker does in seconds.
/// </summary>
internal sealed class FakeContainerEngine : IContainerEngine
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];
    private int _created;
    private int _peak;

    public string Endpoint => "fake://engine";

    public FakeOperation Create { get; } = new("create");

    public FakeOperation Attach { get; } = new("attach");

    public FakeOperation Start { get; } = new("start");

    public FakeOperation UpdateMemory { get; } = new("update");

    public FakeOperation Remove { get; } = new("remove");

    public FakeOperation List { get; } = new("list");

    public FakeOperation Ping { get; } = new("ping");

    public FakeOperation Info { get; } = new("info");

    /// <summary>The OCI runtimes the engine says it has; Docker's own registration unless a test changes it.</summary>
    public EngineRuntimes Runtimes { get; set; } = new(["io.containerd.runc.v2", "io.containerd.runtime.v1.linux", "runc"], "runc");

    /// <summary>What the supervisors of containers started from now on do.</summary>
    public SupervisorStart Supervisors { get; set; } = SupervisorStart.Ready;

    /// <summary>Containers that exist (created and not removed).</summary>
    public IReadOnlyList<FakeContainer> Containers
    {
        get
        {
            lock (_lock)
            {
                return [.. _containers.Values];
            }
        }
    }

    /// <summary>The most containers that existed at once.</summary>
    public int PeakContainers => Volatile.Read(ref _peak);

    /// <summary>The calls that succeeded, in order: <c>create c1</c>, <c>start c1</c>, <c>list</c>, <c>remove c1</c>.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    public FakeContainer this[string id]
    {
        get
        {
            lock (_lock)
            {
                return _containers[id];
            }
        }
    }

    public bool Exists(string id)
    {
        lock (_lock)
        {
            return _containers.ContainsKey(id);
        }
    }

    /// <summary>Puts a container there without the pool: a crashed predecessor's leftover, or someone else's.</summary>
    public string Seed(IDictionary<string, string> labels)
    {
        lock (_lock)
        {
            var id = $"seeded{++_created}";
            _containers[id] = new FakeContainer(id, labels, 0) { Started = true };
            return id;
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken) => await Ping.EnterAsync(cancellationToken);

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task<EngineRuntimes> RuntimesAsync(CancellationToken cancellationToken)
    {
        await Info.EnterAsync(cancellationToken);
        lock (_lock)
        {
            _log.Add("info");
            return Runtimes;
        }
    }

    public async Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        await Create.EnterAsync(cancellationToken);
        lock (_lock)
        {
            var id = $"c{++_created}";
            _containers[id] = FakeContainer.From(id, parameters);
            _peak = Math.Max(_peak, _containers.Count);
            _log.Add($"create {id}");
            return id;
        }
    }

    public async Task<MultiplexedStream> AttachAsync(string id, CancellationToken cancellationToken)
    {
        await Attach.EnterAsync(cancellationToken);
        var container = Existing(id);
        // Not multiplexed: everything reads as the supervisor's stdout, which is all the pool's channel needs here.
        return new MultiplexedStream(container.Supervisor, multiplexed: false);
    }

    public async Task StartAsync(string id, CancellationToken cancellationToken)
    {
        await Start.EnterAsync(cancellationToken);
        var container = Existing(id);
        SupervisorStart behaviour;
        lock (_lock)
        {
            container.Started = true;
            behaviour = Supervisors;
            _log.Add($"start {id}");
        }

        switch (behaviour)
        {
            case SupervisorStart.Ready:
                container.Supervisor.SayReady();
                break;
            case SupervisorStart.WrongFirstFrame:
                container.Supervisor.Say(new { Op = "ready", Protocol = 0 });
                break;
            case SupervisorStart.Exits:
                container.Supervisor.Exit();
                break;
            case SupervisorStart.Silent:
            default:
                break;
        }
    }

    public async Task UpdateMemoryAsync(string id, long bytes, CancellationToken cancellationToken)
    {
        await UpdateMemory.EnterAsync(cancellationToken);
        var container = Existing(id);
        lock (_lock)
        {
            container.MemoryBytes = bytes;
            _log.Add($"update {id}");
        }
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await Remove.EnterAsync(cancellationToken);
        FakeContainer? removed;
        lock (_lock)
        {
            // As Docker's: a container that is already gone counts as removed.
            if (_containers.Remove(id, out removed))
            {
                _log.Add($"remove {id}");
            }
        }

        removed?.Supervisor.Exit();
    }

    public Task<string> VolumeFolderAsync(string volume, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the fake engine has no volumes; its pools use the attach channel");

    public async Task<IReadOnlyList<string>> ListAsync(string label, string value, CancellationToken cancellationToken)
    {
        await List.EnterAsync(cancellationToken);
        lock (_lock)
        {
            _log.Add("list");
            return [.. _containers.Values.Where(c => c.Labels.TryGetValue(label, out var v) && v == value).Select(c => c.Id)];
        }
    }

    /// <summary>Holds nothing outside this process.</summary>
    public void Dispose()
    {
    }

    private FakeContainer Existing(string id)
    {
        lock (_lock)
        {
            // Docker answers 404 for a container that is gone; the pool treats any engine error alike.
            return _containers.TryGetValue(id, out var container)
                ? container
                : throw new DockerApiException(System.Net.HttpStatusCode.NotFound, $"No such container: {id}");
        }
    }
}
