using Verifier.Core.Rewards;

namespace Verifier.Scripting;

/// <summary>
/// A compiled operator script as a reward component. A script that throws, returns a non-finite number or
/// runs past its budget gives an unknown (null) value with the reason; nothing a script does reaches the
/// request or the process beyond that.
/// </summary>
internal sealed class ScriptRewardComponent(string name, Microsoft.CodeAnalysis.Scripting.ScriptRunner<double> run, RewardScriptOptions options, SemaphoreSlim runs)
    : IRewardComponent
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public string Name { get; } = name;

    public async ValueTask<ComponentScore> ScoreAsync(RewardInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var budget = TimeSpan.FromMilliseconds(options.TimeBudgetMs);
        if (!await runs.WaitAsync(budget, cancellationToken).ConfigureAwait(false))
        {
            return ComponentScore.Unknown($"script '{Name}': no free script slot within {options.TimeBudgetMs} ms");
        }

        var globals = new RewardScriptGlobals
        {
            Completion = input.Completion,
            Gold = input.Gold,
            Metadata = input.Metadata ?? NoMetadata,
            __Budget = new ScriptBudget(budget),
        };

        // The slot is released when the script really ends, even if we stop waiting for it sooner.
        var running = Task.Run(() => run(globals, CancellationToken.None), CancellationToken.None);
        _ = running.ContinueWith(_ => runs.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            var value = await running.WaitAsync(budget + TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            return double.IsFinite(value)
                ? ComponentScore.Of(value)
                : ComponentScore.Unknown($"script '{Name}' returned {value}");
        }
        catch (TimeoutException)
        {
            return ComponentScore.Unknown($"script '{Name}' exceeded its time budget of {options.TimeBudgetMs} ms");
        }
        catch (ScriptBudgetExceededException e)
        {
            return ComponentScore.Unknown($"script '{Name}' {e.Message}");
        }
        catch (InsufficientExecutionStackException)
        {
            return ComponentScore.Unknown($"script '{Name}' recursed too deeply");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ComponentScore.Unknown($"script '{Name}' threw {e.GetType().Name}: {e.Message}");
        }
    }
}
