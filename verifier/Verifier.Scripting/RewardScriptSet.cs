using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verifier.Core.Rewards;

namespace Verifier.Scripting;

/// <summary>Every script in the configured folder, compiled once, when the service starts.</summary>
public sealed class RewardScriptSet : IRewardComponentSource, IDisposable
{
    private readonly SemaphoreSlim _runs;

    public RewardScriptSet(IOptions<RewardScriptOptions> options, ILogger<RewardScriptSet> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _runs = new SemaphoreSlim(settings.MaxConcurrentRuns);
        if (string.IsNullOrWhiteSpace(settings.Directory))
        {
            return;
        }

        if (!System.IO.Directory.Exists(settings.Directory))
        {
            throw new RewardScriptException($"RewardScripts:Directory '{settings.Directory}' does not exist");
        }

        var clock = Stopwatch.StartNew();
        var components = new List<IRewardComponent>();
        foreach (var path in System.IO.Directory.EnumerateFiles(settings.Directory, "*.csx").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var runner = RewardScriptCompiler.Compile(path, File.ReadAllText(path));
            components.Add(new ScriptRewardComponent(name, runner, settings, _runs));
            Compilations++;
        }

        Components = components;
        logger.LogInformation("compiled {Count} reward script(s) in {Elapsed} ms", components.Count, clock.ElapsedMilliseconds);
    }

    public IReadOnlyList<IRewardComponent> Components { get; } = [];

    IEnumerable<IRewardComponent> IRewardComponentSource.Components => Components;

    /// <summary>How many times a script was compiled: once per file, ever.</summary>
    public int Compilations { get; }

    public void Dispose() => _runs.Dispose();
}
