namespace Verifier.Sandbox.Pool;

/// <summary>
/// Slots (C# compilations, sandbox runs) shared fairly between tenants: a tenant holds at most <c>perTenant</c> slots
/// at once, and when a slot frees, the tenants with someone waiting are served round-robin, each tenant's own waiters
/// first come, first served. So one tenant's compiler bombs or slow programs queue behind each other and never take
/// every slot from another tenant.
/// <para>
/// Waiting is bounded only while it is not the tenant's own doing: a waiter's clock starts when it is first in its
/// tenant's line and its tenant is below its cap (it then waits for others' compilations, an infrastructure matter)
/// and on expiry it fails, which the sandbox reports as <c>infra_error</c>. Time spent behind the tenant's own
/// compilations is bounded by the caller's cancellation only.
/// </para>
/// </summary>
internal sealed class FairSlots(int slots, int perTenant, TimeSpan eligibleWait, TimeProvider time, string what = "C# compiler")
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly LinkedList<Tenant> _turns = new();
    private int _free = slots;

    /// <summary>The tenant of an isolation key (<c>tenant/batch</c>); requests without one share the anonymous tenant.</summary>
    public static string TenantOf(string? isolationKey) => isolationKey is null ? "" : isolationKey.Split('/', 2)[0];

    /// <summary>Waits for a slot; dispose the lease to free it.</summary>
    public async Task<IDisposable> EnterAsync(string tenant, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            var owner = TenantNamed(tenant);
            if (_free > 0 && owner.Running < perTenant && owner.Waiting.Count == 0)
            {
                _free--;
                owner.Running++;
                return new Lease(this, owner);
            }

            waiter = new Waiter(owner);
            owner.Waiting.AddLast(waiter);
            owner.Turn ??= _turns.AddLast(owner);
            StartClocks();
        }

        using (cancellationToken.Register(() => Abandon(waiter, null)))
        {
            return await waiter.Granted.Task.ConfigureAwait(false);
        }
    }

    private Tenant TenantNamed(string name)
    {
        if (!_tenants.TryGetValue(name, out var tenant))
        {
            _tenants[name] = tenant = new Tenant(name);
        }

        return tenant;
    }

    private void Release(Tenant tenant)
    {
        var granted = new List<(Waiter, Lease)>();
        lock (_gate)
        {
            tenant.Running--;
            _free++;
            // Round-robin: the first tenant in turn that may run gets the slot, then goes to the back of the line.
            for (var turn = _turns.First; turn is not null && _free > 0;)
            {
                var next = turn.Next;
                var candidate = turn.Value;
                if (candidate.Running < perTenant && candidate.Waiting.First?.Value is { } first)
                {
                    candidate.Waiting.RemoveFirst();
                    first.Clock?.Dispose();
                    candidate.Running++;
                    _free--;
                    granted.Add((first, new Lease(this, candidate)));
                    _turns.Remove(turn);
                    candidate.Turn = candidate.Waiting.Count > 0 ? _turns.AddLast(candidate) : null;
                }

                turn = next;
            }

            StartClocks();
            Forget(tenant);
        }

        foreach (var (waiter, lease) in granted)
        {
            if (!waiter.Granted.TrySetResult(lease))
            {
                lease.Dispose(); // abandoned in the meantime
            }
        }
    }

    /// <summary>Starts the clock of each tenant's first waiter that now waits for others, not for its own tenant.</summary>
    private void StartClocks()
    {
        foreach (var tenant in _turns)
        {
            if (tenant.Running < perTenant && tenant.Waiting.First?.Value is { Clock: null } first)
            {
                first.Clock = time.CreateTimer(_ => Abandon(first, eligibleWait), null, eligibleWait, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Takes a waiter out of line: cancelled by its caller (no wait), or out of time.</summary>
    private void Abandon(Waiter waiter, TimeSpan? waited)
    {
        lock (_gate)
        {
            var tenant = waiter.Tenant;
            if (tenant.Waiting.Find(waiter) is not { } node)
            {
                return; // granted already
            }

            tenant.Waiting.Remove(node);
            waiter.Clock?.Dispose();
            if (tenant.Waiting.Count == 0 && tenant.Turn is { } turn)
            {
                _turns.Remove(turn);
                tenant.Turn = null;
            }

            StartClocks();
            Forget(tenant);
        }

        if (waited is { } after)
        {
            waiter.Granted.TrySetException(new InvalidOperationException($"no {what} slot came free within {after.TotalMilliseconds:0} ms"));
        }
        else
        {
            waiter.Granted.TrySetCanceled();
        }
    }

    private void Forget(Tenant tenant)
    {
        if (tenant.Running == 0 && tenant.Waiting.Count == 0)
        {
            _tenants.Remove(tenant.Name);
        }
    }

    private sealed class Tenant(string name)
    {
        public string Name { get; } = name;

        public int Running { get; set; }

        public LinkedList<Waiter> Waiting { get; } = new();

        public LinkedListNode<Tenant>? Turn { get; set; }
    }

    private sealed class Waiter(Tenant tenant)
    {
        public Tenant Tenant { get; } = tenant;

        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ITimer? Clock { get; set; }
    }

    private sealed class Lease(FairSlots slots, Tenant tenant) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(tenant);
            }
        }
    }
}
