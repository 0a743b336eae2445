using System.Diagnostics;
using Verifier.Core.Math.Budget;

namespace Verifier.Core.Tests.Math.Budget;

public sealed class ThreadCpuClockTests
{
    [Fact]
    public void ThreadCpuClock_DoesNotAdvanceWhileTheThreadSleeps_ButDoesWhileItWorks()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the per-thread clock is Linux's CLOCK_THREAD_CPUTIME_ID");

        var start = ThreadCpuClock.NowNanoseconds();
        Thread.Sleep(300);
        var afterSleep = ThreadCpuClock.NowNanoseconds();
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 100)
        {
            Thread.SpinWait(100);
        }

        var afterWork = ThreadCpuClock.NowNanoseconds();

        Assert.True(afterSleep - start < 100_000_000, $"sleeping 300 ms cost {(afterSleep - start) / 1e6} ms of thread CPU");
        Assert.True(afterWork - afterSleep > 10_000_000, $"100 ms of spinning cost only {(afterWork - afterSleep) / 1e6} ms of thread CPU");
    }
}
