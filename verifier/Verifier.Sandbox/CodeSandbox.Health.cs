using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Fleet;

namespace Verifier.Sandbox;

/// <summary>The sandbox's health: each engine's, and the fleet's, which can run code while one engine can.</summary>
internal sealed partial class CodeSandbox
{
    public async Task<SandboxHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var engines = await Task.WhenAll(fleet.Cells.Select(c => CheckEngineAsync(c, cancellationToken))).ConfigureAwait(false);
        var counts = fleet.Cells.Select(c => c.Pool.Counts()).ToList();
        var healthy = engines.Where(e => e.Healthy).ToList();
        var first = healthy.FirstOrDefault() ?? engines[0];
        var down = engines.Where(e => !e.Healthy).Select(e => fleet.Cells.Count == 1 ? e.Reason : $"engine '{e.Name}': {e.Reason}").ToList();
        return new SandboxHealth
        {
            Healthy = healthy.Count > 0,
            EngineReachable = engines.Any(e => e.Reachable),
            Images = first.Images,
            Runtime = first.Runtime,
            WarmContainers = counts.Sum(c => c.Warm),
            LiveContainers = counts.Sum(c => c.Live),
            Reason = down.Count == 0 ? null : string.Join("; ", down),
            Engines = engines,
        };
    }

    private async Task<EngineHealth> CheckEngineAsync(EngineCell cell, CancellationToken cancellationToken)
    {
        var (warm, _, _, live) = cell.Pool.Counts();
        var health = new EngineHealth
        {
            Name = cell.Name,
            Endpoint = cell.Engine.Endpoint,
            Healthy = false,
            Reachable = false,
            Capacity = cell.Capacity,
            InUse = cell.InFlight,
            WarmContainers = warm,
            LiveContainers = live,
            Languages = [.. cell.Languages.Order(StringComparer.Ordinal)],
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await cell.Engine.PingAsync(timeout.Token).ConfigureAwait(false);
            var images = await cell.ImagesAsync(timeout.Token).ConfigureAwait(false);

            var (runtime, runtimeProblem) = await RuntimeAsync(cell.Runtime, timeout.Token).ConfigureAwait(false);
            var missing = images.Where(i => !i.Value).Select(i => i.Key).ToList();
            string?[] problems = [runtimeProblem, missing.Count == 0 ? null : $"missing images: {string.Join(", ", missing)} (run docker/build-images.sh)"];
            var reason = string.Join("; ", problems.OfType<string>());
            return health with { Healthy = reason.Length == 0, Reachable = true, Images = images, Runtime = runtime, Reason = reason.Length == 0 ? null : reason };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return health with { Reason = $"the Docker engine at {cell.Engine.Endpoint} is not reachable: {e.Message}" };
        }
    }

    /// <summary>The runtime containers run under, or why there is none: an explicitly configured one the engine lacks.</summary>
    private static async Task<(string? Runtime, string? Problem)> RuntimeAsync(ContainerRuntime runtime, CancellationToken cancellationToken)
    {
        try
        {
            return (await runtime.ResolveAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (ContainerRuntimeMissingException e)
        {
            return (null, e.Message);
        }
    }
}
