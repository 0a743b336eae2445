using Microsoft.Extensions.Options;

namespace Verifier.Service.Idempotency;

/// <summary>
/// Remembers the response of a request sent with an <c>Idempotency-Key</c>, per tenant, so that a retry
/// returns the stored results instead of running code again. A retry that arrives while the first attempt
/// is still running waits for it. The same key with a different body is a conflict. Bounded by entry count,
/// stored bytes and age; a failed attempt stores nothing, so its retry runs afresh.
/// </summary>
internal sealed class IdempotencyCache(IOptions<IdempotencyOptions> options, TimeProvider time)
{
    private readonly IdempotencyOptions _options = options.Value;
    private readonly Dictionary<(string Tenant, string Key), Entry> _entries = [];
    private readonly LinkedList<(string Tenant, string Key)> _recency = new();
    private readonly Lock _gate = new();
    private long _bytes;

    public const string Header = "Idempotency-Key";

    public bool Enabled => _options.MaxEntries > 0;

    public int MaxKeyLength => _options.MaxKeyLength;

    public IdempotencyClaim Claim(string tenant, string key, byte[] bodyHash)
    {
        lock (_gate)
        {
            var id = (tenant, key);
            if (_entries.TryGetValue(id, out var existing))
            {
                if (existing.ExpiresAt > time.GetUtcNow() || !existing.Response.Task.IsCompleted)
                {
                    if (!existing.BodyHash.AsSpan().SequenceEqual(bodyHash))
                    {
                        return IdempotencyClaim.Conflict();
                    }

                    Touch(existing);
                    return IdempotencyClaim.Replay(existing.Response.Task);
                }

                Remove(existing);
            }

            var entry = new Entry(id, bodyHash, time.GetUtcNow() + _options.TimeToLive);
            entry.Node = _recency.AddFirst(id);
            _entries[id] = entry;
            EvictOverflow();
            return IdempotencyClaim.Owner(new IdempotencyTicket(this, entry));
        }
    }

    /// <summary>
    /// Either the stored response (a completed <see cref="IdempotencyClaim.Stored"/> holding it), a conflict, or the
    /// ticket to do the work. When the attempt a retry waited on fails, the retry claims again: exactly one waiter
    /// becomes the owner and the others wait on it, so a batch never runs twice for one key.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string tenant, string key, byte[] bodyHash, CancellationToken cancellationToken)
    {
        while (true)
        {
            var claim = Claim(tenant, key, bodyHash);
            if (claim.IsConflict || claim.Ticket is not null)
            {
                return claim;
            }

            if (await claim.Stored!.WaitAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return claim;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    private void Complete(Entry entry, byte[] response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry))
            {
                entry.Size = response.Length;
                _bytes += response.Length;
                EvictOverflow();
            }
        }

        entry.Response.TrySetResult(response);
    }

    private void Abandon(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry))
            {
                Remove(entry);
            }
        }

        // Retries that were waiting on this attempt run the work themselves.
        entry.Response.TrySetResult(null);
    }

    private void EvictOverflow()
    {
        var node = _recency.Last;
        while (node is not null && (_entries.Count > _options.MaxEntries || _bytes > _options.MaxBytes))
        {
            var previous = node.Previous;
            var entry = _entries[node.Value];
            if (entry.Response.Task.IsCompleted)
            {
                Remove(entry);
            }

            node = previous;
        }
    }

    private void Touch(Entry entry)
    {
        _recency.Remove(entry.Node!);
        _recency.AddFirst(entry.Node!);
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.Id);
        _recency.Remove(entry.Node!);
        _bytes -= entry.Size;
    }

    private sealed class Entry((string, string) id, byte[] bodyHash, DateTimeOffset expiresAt)
    {
        public (string Tenant, string Key) Id { get; } = id;

        public byte[] BodyHash { get; } = bodyHash;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource<byte[]?> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<(string, string)>? Node { get; set; }

        public long Size { get; set; }
    }

    /// <summary>
    /// Held by the request that runs the work. The first of Complete and Abandon settles it; later calls do nothing,
    /// so a cleanup that abandons "unless completed" can never drop a stored response.
    /// </summary>
    public sealed class IdempotencyTicket
    {
        private readonly IdempotencyCache _owner;
        private readonly Entry _entry;
        private int _settled;

        internal IdempotencyTicket(IdempotencyCache owner, object entry)
        {
            _owner = owner;
            _entry = (Entry)entry;
        }

        public void Complete(byte[] response)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                _owner.Complete(_entry, response);
            }
        }

        public void Abandon()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                _owner.Abandon(_entry);
            }
        }
    }
}

internal readonly record struct IdempotencyClaim(IdempotencyCache.IdempotencyTicket? Ticket, Task<byte[]?>? Stored, bool IsConflict)
{
    public static IdempotencyClaim Owner(IdempotencyCache.IdempotencyTicket ticket) => new(ticket, null, false);

    public static IdempotencyClaim Replay(Task<byte[]?> stored) => new(null, stored, false);

    public static IdempotencyClaim Conflict() => new(null, null, true);
}
