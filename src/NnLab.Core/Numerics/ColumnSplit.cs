using NnLab.Numerics.Gemm;

namespace NnLab.Numerics;

/// <summary>Work over the columns of a batch (its examples) that any range of columns can do independently.</summary>
internal interface IColumnWork
{
    /// <summary>Does the work for columns [start, end).</summary>
    void Columns(int start, int end);
}

/// <summary>
/// Splits <see cref="IColumnWork"/> into column ranges over the calling thread and the GEMM workers: a full batch's
/// softmax cross-entropy (10 × 1797 logits, 0.19 ms in float64) is serial work between products that the second core
/// would otherwise wait through. One job object per calling thread, reused: nothing is allocated per call.
/// </summary>
internal sealed class ColumnSplit : IGemmJob
{
    /// <summary>Ranges start on a multiple of this, so each stays whole vectors but for the last.</summary>
    private const int Align = 16;

    [ThreadStatic] private static ColumnSplit? t_current;

    private IColumnWork? _work;
    private int _columns;
    private int _chunks;
    private int _next;

    /// <summary>
    /// Runs <paramref name="work"/> over <paramref name="columns"/> columns on up to <paramref name="threads"/> threads,
    /// each range at least <paramref name="minColumns"/> wide (fewer columns: all on the caller).
    /// </summary>
    public static void Run(IColumnWork work, int columns, int threads, int minColumns)
    {
        int chunks = Math.Min(Math.Min(threads, GemmWorkerPool.MaxThreads), columns / Math.Max(minColumns, Align));
        if (chunks < 2)
        {
            work.Columns(0, columns);
            return;
        }
        var job = t_current ??= new ColumnSplit();
        (job._work, job._columns, job._chunks, job._next) = (work, columns, chunks, 0);
        try
        {
            WorkerTeam.Run(job, chunks - 1);
        }
        finally
        {
            job._work = null;
        }
    }

    /// <summary>Where range <paramref name="chunk"/> of <paramref name="chunks"/> starts (the end for chunk = chunks).</summary>
    internal static int Start(int chunk, int chunks, int columns) =>
        chunk >= chunks ? columns : (int)((long)columns * chunk / chunks) / Align * Align;

    public void RunChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
            _work!.Columns(Start(chunk, _chunks, _columns), Start(chunk + 1, _chunks, _columns));
    }
}
