using NnLab.Numerics.Gemm;

namespace NnLab.Numerics;

/// <summary>
/// Work over an index range that any part of the range can do independently: a batch's columns (its examples), or
/// the values of a model's parameters taken one after another.
/// </summary>
internal interface IRangeWork
{
    /// <summary>Does the work for indexes [start, end).</summary>
    void Range(int start, int end);
}

/// <summary>
/// Splits <see cref="IRangeWork"/> into ranges over the calling thread and the GEMM workers: a full batch's softmax
/// cross-entropy (10 × 1797 logits, 0.19 ms in float64) or an optimizer's step over the wide model's 668K parameters
/// is serial work between products that the second core would otherwise wait through. One job object per calling
/// thread, reused: nothing is allocated per call.
/// </summary>
internal sealed class RangeSplit : IGemmJob
{
    /// <summary>Ranges start on a multiple of this, so each stays whole vectors but for the last.</summary>
    private const int Align = 16;

    [ThreadStatic] private static RangeSplit? t_current;

    private IRangeWork? _work;
    private int _length;
    private int _chunks;
    private int _next;

    /// <summary>
    /// Runs <paramref name="work"/> over indexes [0, <paramref name="length"/>) on up to <paramref name="threads"/>
    /// threads, each range at least <paramref name="minLength"/> long (a shorter whole: all on the caller).
    /// </summary>
    public static void Run(IRangeWork work, int length, int threads, int minLength)
    {
        int chunks = Chunks(length, threads, minLength);
        if (chunks < 2)
        {
            work.Range(0, length);
            return;
        }
        var job = t_current ??= new RangeSplit();
        (job._work, job._length, job._chunks, job._next) = (work, length, chunks, 0);
        try
        {
            WorkerTeam.Run(job, chunks - 1);
        }
        finally
        {
            job._work = null;
        }
    }

    /// <summary>Whether <see cref="Run"/> would split this work over threads, rather than do it whole on the caller.</summary>
    public static bool Splits(int length, int threads, int minLength) => Chunks(length, threads, minLength) >= 2;

    private static int Chunks(int length, int threads, int minLength) =>
        Math.Min(Math.Min(threads, GemmWorkerPool.MaxThreads), length / Math.Max(minLength, Align));

    /// <summary>Where range <paramref name="chunk"/> of <paramref name="chunks"/> starts (the end for chunk = chunks).</summary>
    internal static int Start(int chunk, int chunks, int length) =>
        chunk >= chunks ? length : (int)((long)length * chunk / chunks) / Align * Align;

    public void RunChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
            _work!.Range(Start(chunk, _chunks, _length), Start(chunk + 1, _chunks, _length));
    }
}
