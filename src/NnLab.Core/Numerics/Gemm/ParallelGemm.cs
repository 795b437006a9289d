using System.Numerics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Runs a large product on the caller and up to threads − 1 pooled workers, which share its chunks
/// (<see cref="GemmJob{T}"/>). Nothing is allocated per product.
/// </summary>
internal static class ParallelGemm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Run(in GemmProblem<T> pr, GemmKernel kernel, int threads)
    {
        var job = GemmJob<T>.Current;
        threads = Math.Min(threads, GemmWorkerPool.MaxThreads);
        if (!job.Plan(pr, kernel, threads))
        {
            GemmKernels<T>.RunBlocked(pr, kernel);
            return;
        }

        // The caller may compute any chunk (all of them, if every worker is busy with another caller's product):
        // size its buffers for the whole product now, so that never allocates in the middle of a training loop.
        GemmKernels<T>.Reserve(pr, kernel);
        try
        {
            WorkerTeam.Run(job, Math.Min(threads, job.Chunks) - 1);
        }
        finally
        {
            job.Clear();
        }
    }
}
