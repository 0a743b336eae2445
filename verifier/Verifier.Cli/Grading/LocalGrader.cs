using System.Collections.Concurrent;
using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Core.Scoring;

namespace Verifier.Cli.Grading;

/// <summary>
/// Grades in-process with the service's scoring policy, on every core: with the math engine's defaults, or, for a row
/// that sets engine options (<see cref="MathRowOptions.NeedsLocalEngine"/>), with an engine configured as it asks.
/// </summary>
internal sealed class LocalGrader : IGrader
{
    /// <summary>Engines kept for distinct row configurations; past this, a configuration gets a fresh engine per row.</summary>
    private const int MaxCachedEngines = 64;

    private readonly bool _withFormat;
    private readonly string? _extract;
    private readonly MathVerifierOptions _defaults;
    private readonly Engine _default;
    private readonly ConcurrentDictionary<string, Engine> _configured = new(StringComparer.Ordinal);

    /// <param name="defaults">The engine's settings before a row's options apply; tests lift the wall-clock budget.</param>
    public LocalGrader(bool withFormat, string? extract = null, MathVerifierOptions? defaults = null)
    {
        _withFormat = withFormat;
        _extract = extract;
        _defaults = defaults ?? new MathVerifierOptions();
        _default = new Engine(new MathVerifier(_defaults));
    }

    public Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var results = new GradeResult[rows.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, rows.Count, parallel, i => results[i] = Grade(rows[i], i));
        return Task.FromResult<IReadOnlyList<GradeResult>>(results);
    }

    private GradeResult Grade(GradeRow row, int index)
    {
        var engine = row.Math is { NeedsLocalEngine: true } options ? EngineFor(options) : _default;
        if (row.Math is { ExtractGold: true })
        {
            // The gold's answer is read with the completion's rules, as MathVerifier.VerifyAgainstSolution reads it.
            if (engine.Verifier.ExtractAnswer(row.Gold) is not { } goldAnswer)
            {
                return new GradeResult { Line = row.Line, Id = row.Id, Reason = "no answer found in the gold solution" };
            }

            row = row with { Gold = goldAnswer };
        }

        // Math and format items never wait on anything: the policy completes synchronously for them.
        var scoring = engine.Policy.ScoreAsync(GradeMapping.ToItem(row, _withFormat, _extract), index, code: null, CancellationToken.None);
        return GradeMapping.ToRow(row, scoring.IsCompletedSuccessfully ? scoring.Result : scoring.AsTask().GetAwaiter().GetResult());
    }

    private Engine EngineFor(MathRowOptions options)
    {
        var key = options.EngineKey;
        if (_configured.TryGetValue(key, out var engine))
        {
            return engine;
        }

        engine = new Engine(new MathVerifier(Configure(options)));
        return _configured.Count < MaxCachedEngines ? _configured.GetOrAdd(key, engine) : engine;
    }

    private MathVerifierOptions Configure(MathRowOptions options) => _defaults with
    {
        ExtractionRules = options.ExtractionRules ?? _defaults.ExtractionRules,
        AbsoluteTolerance = options.AbsoluteTolerance ?? _defaults.AbsoluteTolerance,
        AllowSetRelationComparison = options.AllowSetRelationComparison ?? _defaults.AllowSetRelationComparison,
    };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Engine(MathVerifier verifier)
    {
        public MathVerifier Verifier { get; } = verifier;

        public ScoringPolicy Policy { get; } = new(verifier, RewardCatalog.Empty);
    }
}
