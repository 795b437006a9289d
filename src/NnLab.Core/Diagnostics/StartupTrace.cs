namespace NnLab.Diagnostics;

/// <summary>
/// Start-up phase marks for measuring where a short command's time goes: with <c>NNLAB_TRACE_STARTUP=1</c> each
/// <see cref="Mark"/> writes <c>@@ &lt;Unix time in µs&gt; &lt;phase&gt;</c> to stderr (<c>bench/startup.sh --phases</c>
/// turns the marks into the time between them). Off, a mark costs one static field read.
/// </summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NNLAB_TRACE_STARTUP") == "1";

    /// <summary>Records that the phase named <paramref name="phase"/> has just ended.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        long microseconds = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        Console.Error.WriteLine($"@@ {microseconds} {phase}");
    }
}
