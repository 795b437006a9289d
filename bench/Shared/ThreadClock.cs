using System.Runtime.InteropServices;

namespace NnLab.BenchShared;

/// <summary>
/// The calling thread's CPU time, the steadiest figure on a shared machine (other processes' work does not count).
/// Compiled into both bench programs (NnLab.Bench, NnLab.Benchmarks).
/// </summary>
internal static class ThreadClock
{
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Seconds of CPU time the calling thread has used (Linux); 0 elsewhere.</summary>
    public static double CpuSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : 0;
}
