using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// A long-lived background thread that helps with split products. A caller claims it, posts the product's job, takes
/// chunks itself, then joins. A worker that has not started by the time the caller has taken every chunk is called
/// off rather than waited for — on a busy machine it may not be scheduled for milliseconds. Nothing is allocated per
/// product (a monitor on a preallocated object and an interlocked state word). Both sides spin briefly before blocking,
/// since products in a training step follow each other within microseconds. If the worker is already claimed
/// (another product is running concurrently), the caller simply computes more chunks itself.
/// </summary>
internal sealed class GemmWorker
{
    private const int Idle = 0, Posted = 1, Running = 2, Done = 3;

    /// <summary>How long a side spins for the other before blocking on the monitor.</summary>
    /// <remarks>
    /// Long enough to span the serial work between two products of a training step (the cost, bias sums, small
    /// products: 0.1-0.5 ms on digits), so the next product finds the worker awake instead of paying a wake-up. Digits
    /// on 2 threads, epochs alternated in one process: 50 µs 3.43-3.46 ms (float32 1.88-2.19), 250 µs 3.35-3.38
    /// (1.75-2.07), 1 ms 3.26-3.29 (1.71-2.02). Spinning yields the core to any other runnable thread.
    /// </remarks>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1_000; // 1 ms

    private readonly object _gate = new();
    private int _claimed;
    private int _state;
    private IGemmJob? _job;
    private Exception? _error;

    public GemmWorker(int index)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = $"NnLab GEMM worker {index}" };
        thread.Start();
    }

    public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    public void Start(IGemmJob job)
    {
        _job = job;
        lock (_gate)
        {
            Volatile.Write(ref _state, Posted);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits for the worker if it started on the job; calls it off if it had not.</summary>
    public void Join()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Posted) != Posted)
        {
            WaitFor(Done);
            Volatile.Write(ref _state, Idle);
        }
        var error = _error;
        _error = null;
        _job = null;
        Volatile.Write(ref _claimed, 0);
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    private void Loop()
    {
        while (true)
        {
            WaitFor(Posted);
            if (Interlocked.CompareExchange(ref _state, Running, Posted) != Posted) continue; // called off
            try
            {
                _job!.RunChunks();
            }
            catch (Exception e)
            {
                _error = e;
            }
            lock (_gate)
            {
                Volatile.Write(ref _state, Done);
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void WaitFor(int state)
    {
        long start = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (Volatile.Read(ref _state) != state)
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
            {
                lock (_gate)
                    while (Volatile.Read(ref _state) != state) Monitor.Wait(_gate);
                return;
            }
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
