using System.Numerics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// One split product: C cut into runs of whole tiles ("chunks") along its longer dimension, which the caller and the
/// workers take in turn from a shared counter until none is left. Which thread computes a chunk cannot change a
/// result (every output is one FMA chain in k order, computed the same way wherever it runs), so taking chunks
/// dynamically keeps results bit-identical while letting a thread that gets more CPU take more of the work — on a
/// shared machine a fixed half-and-half split runs at the pace of the slower thread. One job object per calling
/// thread and element type, reused: nothing is allocated per product.
/// </summary>
internal sealed class GemmJob<T> : IGemmJob where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Each chunk repacks the operand the chunks share (all of A for column chunks, all of B for row chunks): a chunk
    /// must carry at least this many flops per element of it, so that repacking stays a few percent of its time.
    /// </summary>
    private const double FlopsPerSharedElement = 1000;

    /// <summary>The most chunks per thread: more lets a thread that gets more CPU take more of the work.</summary>
    private const int ChunksPerThread = 4;

    [ThreadStatic] private static GemmJob<T>? t_current;

    private GemmProblem<T> _problem;
    private bool _byColumns;
    private int _unit;
    private int _tiles;
    private int _next;

    public static GemmJob<T> Current => t_current ??= new GemmJob<T>();

    public GemmKernel Kernel { get; private set; }
    public int Chunks { get; private set; }

    /// <summary>Plans <paramref name="problem"/> for <paramref name="threads"/> threads; false when it is not worth splitting.</summary>
    public bool Plan(in GemmProblem<T> problem, GemmKernel kernel, int threads)
    {
        int mr = GemmKernels<T>.Mr(kernel), nr = GemmKernels<T>.Nr(kernel);
        int tilesM = (problem.M + mr - 1) / mr, tilesN = (problem.N + nr - 1) / nr;
        _byColumns = tilesN >= tilesM;
        _tiles = _byColumns ? tilesN : tilesM;
        _unit = _byColumns ? nr : mr;
        // Up to four chunks per thread, as long as each stays large enough to amortise repacking the shared operand;
        // always a multiple of the threads, since 3 chunks on 2 threads end at the pace of the thread that takes 2.
        double shared = _byColumns ? (double)problem.M * problem.K : (double)problem.K * problem.N;
        int byWork = (int)Math.Min(int.MaxValue, problem.Flops / (FlopsPerSharedElement * shared));
        Chunks = Math.Min(_tiles, threads * Math.Clamp(byWork / threads, 1, ChunksPerThread));
        if (Chunks < 2) return false;
        _problem = problem;
        Kernel = kernel;
        _next = 0;
        return true;
    }

    /// <summary>Takes and computes chunks until none is left (called by the caller and by each worker).</summary>
    public void RunChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < Chunks)
            GemmKernels<T>.RunBlocked(Chunk(chunk), Kernel);
    }

    /// <summary>Drops the reference to the caller's arrays.</summary>
    public void Clear() => _problem = default;

    private GemmProblem<T> Chunk(int index)
    {
        int first = (int)((long)_tiles * index / Chunks) * _unit;
        int end = (int)((long)_tiles * (index + 1) / Chunks) * _unit;
        return _byColumns
            ? _problem.Columns(first, Math.Min(end, _problem.N) - first)
            : _problem.Rows(first, Math.Min(end, _problem.M) - first);
    }
}
