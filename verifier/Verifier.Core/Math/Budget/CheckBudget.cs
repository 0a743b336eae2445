namespace Verifier.Core.Math.Budget;

/// <summary>
/// The work and time allowed for one check. Every loop that can grow with hostile input ticks it; when it
/// runs out the check is abandoned with <see cref="BudgetExceededException"/> and reported as undecided.
/// Steps make the limit deterministic (tests, slow machines); the clock, the thread's CPU time, is the backstop.
/// </summary>
internal sealed class CheckBudget
{
    private const int ClockCheckInterval = 64;

    private readonly long _deadline;
    private readonly long _maxSteps;
    private long _steps;
    private int _untilClockCheck = ClockCheckInterval;

    public CheckBudget(TimeSpan time, long maxSteps)
    {
        _deadline = ThreadCpuClock.NowNanoseconds() + (long)System.Math.Min(time.TotalSeconds * 1e9, long.MaxValue / 2);
        _maxSteps = maxSteps;
    }

    public static CheckBudget Unlimited => new(TimeSpan.FromDays(1), long.MaxValue);

    public long Steps => _steps;

    /// <summary>Charges <paramref name="cost"/> steps; throws when the step or time allowance is spent.</summary>
    public void Tick(long cost = 1)
    {
        _steps += cost;
        if (_steps > _maxSteps)
        {
            throw new BudgetExceededException("step budget exceeded");
        }

        if (--_untilClockCheck <= 0)
        {
            _untilClockCheck = ClockCheckInterval;
            if (ThreadCpuClock.NowNanoseconds() > _deadline)
            {
                throw new BudgetExceededException("time budget exceeded");
            }
        }
    }

    /// <summary>Charges work proportional to the size of big numbers (bits / 64, at least 1).</summary>
    public void TickBits(long bits) => Tick(1 + (bits >> 6));
}

/// <summary>Thrown when a check spends its budget; the verdict becomes undecided.</summary>
internal sealed class BudgetExceededException : Exception
{
    public BudgetExceededException(string message)
        : base(message)
    {
    }
}
