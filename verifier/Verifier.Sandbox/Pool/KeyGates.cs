namespace Verifier.Sandbox.Pool;

/// <summary>
/// Bounds how many submissions of one isolation key run at once in fast mode. Without it a batch of 64 items
/// that arrive together would each take a container of their own (64 starts at the engine's few per second);
/// with it they queue for the key's few containers, which then run them back to back with no start-up cost.
/// Gates exist only while a key has submissions in flight.
/// </summary>
internal sealed class KeyGates(int perKey)
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int ActiveKeys
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    public async Task<Lease> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                _gates[key] = gate = new Gate(perKey);
            }

            gate.Users++;
        }

        try
        {
            await gate.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate, entered: false);
            throw;
        }

        return new Lease(this, key, gate);
    }

    private void Leave(string key, Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Slots.Release();
        }

        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
                gate.Slots.Dispose();
            }
        }
    }

    private sealed class Gate(int slots)
    {
        public SemaphoreSlim Slots { get; } = new(slots);

        public int Users { get; set; }
    }

    public sealed class Lease : IDisposable
    {
        private readonly KeyGates _owner;
        private readonly string _key;
        private readonly object _gate;
        private int _disposed;

        internal Lease(KeyGates owner, string key, object gate)
        {
            _owner = owner;
            _key = key;
            _gate = gate;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Leave(_key, (Gate)_gate, entered: true);
            }
        }
    }
}
