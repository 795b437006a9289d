namespace NnLab.Runner.IO;

/// <summary>
/// Writes out what an output holds in memory a short while (<see cref="Delay"/>) after it started holding it, so a
/// buffered output (stderr when redirected, sweep.log.jsonl) is never more than that behind what the program logged,
/// while a burst of lines still goes out in one write instead of one write each.
/// </summary>
/// <remarks>
/// One background thread of its own does the flushing, started at the first use. Not a <see cref="Timer"/>: its
/// callbacks run on the thread pool, and a sweep keeps the pool's threads busy training (a trial is one long
/// synchronous call), so a callback could wait for the pool to add a thread (up to a second or more) while lines
/// pile up unseen. An output calls <see cref="Schedule"/> once when it goes from empty to holding something, not per
/// line: the flushes cost a queue entry each, and the delay being the same for every output, the queue is in order of
/// due time.
/// </remarks>
public static class DelayedFlush
{
    /// <summary>
    /// How long an output may hold a line before it is written out: 150 ms, or the environment's
    /// <c>NNLAB_FLUSH_DELAY_MS</c>, which the tests set to minutes to show that no line depends on this flush to get out
    /// (a process that exits, is cancelled or fails writes out what it holds without it).
    /// </summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("NNLAB_FLUSH_DELAY_MS"), out int ms) && ms >= 0 ? ms : 150);

    private static readonly object Gate = new();
    private static readonly Queue<(Action Flush, long Due)> Pending = new();
    private static Thread? _thread;

    /// <summary>
    /// Calls <paramref name="flush"/> on the flushing thread <see cref="Delay"/> from now. It must be safe to call at
    /// any time from another thread (also after its output was closed) and should not throw: what it throws is dropped.
    /// </summary>
    public static void Schedule(Action flush)
    {
        long due = Environment.TickCount64 + (long)Delay.TotalMilliseconds;
        lock (Gate)
        {
            Pending.Enqueue((flush, due));
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "nnlab delayed flush" };
                _thread.Start();
            }
            else if (Pending.Count == 1) Monitor.Pulse(Gate);
        }
    }

    private static void Run()
    {
        while (true)
        {
            Action flush;
            lock (Gate)
            {
                while (true)
                {
                    if (Pending.Count == 0)
                    {
                        Monitor.Wait(Gate);
                        continue;
                    }
                    long wait = Pending.Peek().Due - Environment.TickCount64;
                    if (wait <= 0) break;
                    Monitor.Wait(Gate, (int)Math.Min(wait, int.MaxValue));
                }
                flush = Pending.Dequeue().Flush;
            }
            try
            {
                flush();
            }
            catch (Exception)
            {
                // An output that cannot be written (a full disk, a closed pipe) is the business of whoever writes to it
                // next, or closes it: this thread only keeps the others' lines moving.
            }
        }
    }
}
