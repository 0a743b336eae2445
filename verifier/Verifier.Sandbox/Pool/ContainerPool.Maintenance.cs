using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Pool;

/// <summary>The pool's background work: idle containers expire, the warm pool is refilled, a failed start-up sweep is retried.</summary>
internal sealed partial class ContainerPool
{
    private async Task MaintainAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(stopping).ConfigureAwait(false);
                await MaintainOnceAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogMaintenanceFailed(e);
            }
        }
    }

    /// <summary>
    /// Waits until an acquire or a release wakes the pool, or a tick passes on the pool's clock (a semaphore's own
    /// timeout would run on the wall clock, out of reach of a test's fake one).
    /// </summary>
    private async Task WaitForWorkAsync(CancellationToken stopping)
    {
        using var tick = new CancellationTokenSource(MaintenanceTick, _time);
        using var tickOrStop = CancellationTokenSource.CreateLinkedTokenSource(stopping, tick.Token);
        await _wake.WaitAsync(tickOrStop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// One round of the background work, as of the pool's clock now: expire, retry the sweep, refill. Internal so that a
    /// test on a fake clock can run a round at the moment it chooses.
    /// </summary>
    internal async Task MaintainOnceAsync()
    {
        var stopping = _stopping.Token;
        EvictExpiredIdle();
        if (!_swept && _time.GetElapsedTime(_lastSweepAttempt) >= StartFailureBackoff)
        {
            _lastSweepAttempt = _time.GetTimestamp();
            try
            {
                await EnsureSweptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e, _engine.Endpoint);
            }
        }

        if (_swept)
        {
            RefillWarm(stopping);
        }
    }

    private void EvictExpiredIdle()
    {
        var expired = new List<SandboxContainer>();
        lock (_lock)
        {
            foreach (var (key, list) in _idle.ToList())
            {
                while (list.First is { } first && _time.GetElapsedTime(first.Value.IdleSince).TotalMilliseconds >= _options.FastIdleMs)
                {
                    expired.Add(first.Value);
                    list.RemoveFirst();
                }

                if (list.Count == 0)
                {
                    _idle.Remove(key);
                }
            }
        }

        // A warm container's supervisor exits after ContainerIdleExitSeconds without a word: replace it well before.
        var maxWarmAge = TimeSpan.FromSeconds(_options.ContainerIdleExitSeconds / 2.0);
        lock (_lock)
        {
            foreach (var queue in _warm.Values)
            {
                var keep = queue.Where(c => _time.GetElapsedTime(c.IdleSince) < maxWarmAge).ToList();
                expired.AddRange(queue.Where(c => !keep.Contains(c)));
                queue.Clear();
                keep.ForEach(queue.Enqueue);
            }
        }

        foreach (var container in expired)
        {
            _ = DestroyAsync(container);
        }
    }

    private void RefillWarm(CancellationToken stopping)
    {
        foreach (var language in _languages.All)
        {
            while (true)
            {
                lock (_lock)
                {
                    var failedRecently = _lastStartFailure.TryGetValue(language.Name, out var failedAt)
                        && _time.GetElapsedTime(failedAt) < StartFailureBackoff;
                    var wanted = language.WarmContainers - _warm[language.Name].Count - _warmStarting[language.Name];
                    if (_disposed || failedRecently || wanted <= 0 || _live.Count + _reserved >= _options.MaxContainers)
                    {
                        break;
                    }

                    _reserved++;
                    _warmStarting[language.Name]++;
                }

                Track(StartWarmAsync(language, stopping));
            }
        }
    }

    private async Task StartWarmAsync(RegisteredLanguage language, CancellationToken stopping)
    {
        SandboxContainer? container = null;
        var entered = false;
        try
        {
            await _startSlots.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                entered = true; // from here StartContainerAsync releases the reservation
                container = await StartContainerAsync(language, DefaultMemoryBytes(language), stopping).ConfigureAwait(false);
            }
            finally
            {
                _startSlots.Release();
            }
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                if (!entered)
                {
                    Unreserve();
                }

                if (!stopping.IsCancellationRequested)
                {
                    _lastStartFailure[language.Name] = _time.GetTimestamp();
                }
            }

            if (e is not OperationCanceledException and not ObjectDisposedException)
            {
                LogWarmStartFailed(e, language.Name);
            }
        }
        finally
        {
            var keep = false;
            lock (_lock)
            {
                _warmStarting[language.Name]--;
                if (container is not null && !_disposed)
                {
                    container.IdleSince = _time.GetTimestamp();
                    _warm[language.Name].Enqueue(container);
                    keep = true;
                }
            }

            if (container is not null && !keep)
            {
                await DestroyAsync(container).ConfigureAwait(false);
            }
        }
    }
}
