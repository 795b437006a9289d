namespace NnLab.Numerics.Gemm;

/// <summary>The process-wide GEMM workers, created on first use: at most one per extra core.</summary>
internal static class GemmWorkerPool
{
    public static readonly int MaxThreads = Math.Clamp(Environment.ProcessorCount, 1, 64);

    private static readonly Lazy<GemmWorker[]> s_workers =
        new(() => Enumerable.Range(1, MaxThreads - 1).Select(i => new GemmWorker(i)).ToArray());

    public static GemmWorker[] Workers => s_workers.Value;
}
