using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// A long-lived background thread that helps with split products. A caller claims it, hands it the product's job,
/// takes chunks itself, then joins; nothing is allocated per product (a monitor on a preallocated object, volatile
/// flags, no events that create their lock lazily). Both sides spin briefly before blocking, since products in a
/// training step follow each other within microseconds. If the worker is already claimed (another product is running
/// concurrently), the caller simply computes more chunks itself.
/// </summary>
internal sealed class GemmWorker
{
    /// <summary>How long a side spins for the other before blocking on the monitor.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly object _gate = new();
    private int _claimed;
    private bool _pending;  // read and written with Volatile or under _gate
    private bool _finished;
    private GemmJob? _job;
    private Exception? _error;

    public GemmWorker(int index)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = $"NnLab GEMM worker {index}" };
        thread.Start();
    }

    public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    public void Start(GemmJob job)
    {
        _job = job;
        Volatile.Write(ref _finished, false);
        lock (_gate)
        {
            _pending = true;
            Monitor.Pulse(_gate);
        }
    }

    public void Join()
    {
        WaitFor(ref _finished);
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
            WaitFor(ref _pending);
            Volatile.Write(ref _pending, false);
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
                _finished = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void WaitFor(ref readonly bool flag)
    {
        long start = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (!Volatile.Read(in flag))
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
            {
                lock (_gate)
                    while (!Volatile.Read(in flag)) Monitor.Wait(_gate);
                return;
            }
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
