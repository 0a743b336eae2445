using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Verifier.Scripting;

/// <summary>
/// The time and stack a script run may use. The compiler inserts a call to <see cref="Check"/> at the top of
/// every loop and method body, so a runaway loop or recursion ends with an exception at the next check
/// instead of holding a thread (or the process's stack) forever.
/// </summary>
public sealed class ScriptBudget(TimeSpan limit)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Limit { get; } = limit;

    public void Check()
    {
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new ScriptBudgetExceededException($"exceeded its time budget of {Limit.TotalMilliseconds:0} ms");
        }

        // Deep recursion would otherwise end the whole service with a stack overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }
}

public sealed class ScriptBudgetExceededException : Exception
{
    public ScriptBudgetExceededException()
    {
    }

    public ScriptBudgetExceededException(string message)
        : base(message)
    {
    }

    public ScriptBudgetExceededException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
