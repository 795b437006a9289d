using System.Runtime.ExceptionServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// A long-lived background thread that runs one part of a split product. A caller claims it, hands it a problem,
/// works on its own part, then joins; nothing is allocated per product. If the worker is already claimed (another
/// product is running concurrently), the caller simply computes that part itself.
/// </summary>
internal sealed class GemmWorker
{
    private const int SpinCount = 200;

    private readonly ManualResetEventSlim _start = new(false, SpinCount);
    private readonly ManualResetEventSlim _finished = new(false, SpinCount);
    private int _claimed;
    private GemmProblem _problem;
    private GemmKernel _kernel;
    private Exception? _error;

    public GemmWorker(int index)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = $"NnLab GEMM worker {index}" };
        thread.Start();
    }

    public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    public void Start(in GemmProblem problem, GemmKernel kernel)
    {
        _problem = problem;
        _kernel = kernel;
        _finished.Reset();
        _start.Set();
    }

    public void Join()
    {
        _finished.Wait();
        var error = _error;
        _error = null;
        _problem = default; // do not keep the caller's arrays alive
        Volatile.Write(ref _claimed, 0);
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            try
            {
                GemmKernels.RunBlocked(_problem, _kernel);
            }
            catch (Exception e)
            {
                _error = e;
            }
            _finished.Set();
        }
    }
}
