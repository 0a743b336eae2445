using Microsoft.Extensions.Logging;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Execution.Transport;

namespace Verifier.Sandbox.Pool;

/// <summary>The pool's start (the sweep of a predecessor's leftovers), container removal, and shutdown.</summary>
internal sealed partial class ContainerPool
{
    /// <summary>Removes leftovers and starts the background refill, once; later calls wait for that first start.</summary>
    public Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _started ??= StartOnceAsync();
        }

        return _started.WaitAsync(cancellationToken);
    }

    private async Task StartOnceAsync()
    {
        try
        {
            await EnsureSweptAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine that is down at start is not fatal: the sandbox reports not-ready, code items get infra_error,
            // and the sweep is retried before any container is created.
            LogSweepFailed(e, _engine.Endpoint);
        }

        _maintenance = Task.Run(() => MaintainAsync(_stopping.Token));
    }

    /// <summary>
    /// Removes a predecessor's containers before this pool creates its first one (after that, a sweep would remove
    /// our own), and makes the socket channel's folder. Retried until it succeeds.
    /// </summary>
    private async Task EnsureSweptAsync(CancellationToken cancellationToken)
    {
        if (_swept)
        {
            return;
        }

        await _sweepLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_swept)
            {
                return;
            }

            var removed = await RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);
            if (_options.UsesSocketChannel)
            {
                _sockets ??= await SupervisorSocketRoot.CreateAsync(_engine, _options, cancellationToken).ConfigureAwait(false);
            }

            _swept = true;
            if (removed > 0)
            {
                LogLeftoversRemoved(removed, _options.InstanceName);
            }
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    /// <summary>Removes every container labelled with this instance name (a crashed predecessor's, or ours at shutdown).</summary>
    public async Task<int> RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var ids = await _engine.ListAsync(ContainerLabels.Instance, _options.InstanceName, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (id, ct) => await _engine.RemoveAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return ids.Count;
    }

    /// <summary>
    /// Kills and removes a container. Never throws: a failure is logged, and the start-up sweep is the backstop.
    /// Every removal is tracked, so that disposal waits for removals in flight.
    /// </summary>
    public Task DestroyAsync(SandboxContainer container)
    {
        var removal = DestroyCoreAsync(container);
        Track(removal);
        return removal;
    }

    private async Task DestroyCoreAsync(SandboxContainer container)
    {
        _live.TryRemove(container.Id, out _);
        container.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(RemoveTimeout, _time);
            await _engine.RemoveAsync(container.Id, timeout.Token).ConfigureAwait(false);
            _metrics.ContainerRemoved(container.Language.Name);
        }
        catch (Exception e)
        {
            LogRemoveFailed(e, container.ShortId);
        }
    }

    private void Track(Task task)
    {
        _background[task] = 0;
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>For hosts that dispose synchronously; removal of the containers is awaited all the same.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        bool started;
        lock (_startLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            started = _started is not null;
        }

        lock (_lock)
        {
            _disposed = true;
            if (_reserved == 0)
            {
                _startsDrained.TrySetResult();
            }
        }

        if (!started)
        {
            // Never started: it created nothing, and a predecessor's leftovers are the next start's business.
            RemoveSocketRoot();
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_maintenance is not null)
        {
            await _maintenance.ConfigureAwait(false);
        }

        // Starts in flight (a submission's as well as warm ones): a create cannot be called off, and what it creates
        // must not outlive the pool.
        await _startsDrained.Task.ConfigureAwait(false);
        await Task.WhenAll(_background.Keys).ConfigureAwait(false);
        await Task.WhenAll(_live.Values.ToList().Select(DestroyAsync)).ConfigureAwait(false);
        while (!_background.IsEmpty)
        {
            // Removals started elsewhere (a run ending, an idle container retiring) finish before shutdown completes.
            await Task.WhenAll(_background.Keys).ConfigureAwait(false);
        }

        try
        {
            // The backstop: anything labelled with our instance name that is still there.
            using var timeout = new CancellationTokenSource(RemoveTimeout, _time);
            await RemoveLeftoversAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogRemoveFailed(e, "(sweep)");
        }

        RemoveSocketRoot();
        // The semaphores stay undisposed: submissions still in flight release them when their containers vanish.
        // The engine client belongs to the container (DI), which disposes it after this pool.
    }

    private void RemoveSocketRoot()
    {
        _sockets?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} leftover sandbox containers of instance '{Instance}'")]
    private partial void LogLeftoversRemoved(int count, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Docker engine at {Endpoint} did not answer; leftover containers will be removed once it does")]
    private partial void LogSweepFailed(Exception exception, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove sandbox container {Id}")]
    private partial void LogRemoveFailed(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a warm {Language} container")]
    private partial void LogWarmStartFailed(Exception exception, string language);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox pool maintenance failed")]
    private partial void LogMaintenanceFailed(Exception exception);
}
