using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Verifier.Core.Math.Budget;

/// <summary>
/// CPU time of the calling thread, so that a check's time budget counts the work it did, not the time it
/// waited for a core. On a loaded machine (a GRPO step's burst, a CI box) wall time would turn legitimate
/// checks into "undecided" depending on the neighbours; thread CPU time does not. Falls back to the wall
/// clock where the platform has no per-thread clock.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>Nanoseconds on a clock that only advances while this thread runs.</summary>
    public static long NowNanoseconds()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the blittable signature needs no marshalling code, and Core stays free of unsafe.
    [DllImport("libc", EntryPoint = "clock_gettime")]
#pragma warning disable SYSLIB1054
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
