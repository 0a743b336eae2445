namespace Verifier.Sdk.Tests;

/// <summary>
/// A bound on waiting for something a test has already set in motion. It turns a regression that never
/// signals into a failure that says what went wrong, instead of a hung run; no test relies on it to pass.
/// </summary>
internal static class Bounded
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task Wait(Task task, string whenItNeverCompletes)
    {
        var first = await Task.WhenAny(task, Task.Delay(Limit));
        Assert.True(first == task, whenItNeverCompletes);
        await task;
    }
}
