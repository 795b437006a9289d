using System.Numerics;
using System.Runtime.ExceptionServices;

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
        var workers = GemmWorkerPool.Workers;
        ulong started = 0;
        int helpers = Math.Min(threads, job.Chunks) - 1;
        for (int w = 0; w < helpers; w++)
        {
            if (!workers[w].TryClaim()) continue;
            workers[w].Start(job);
            started |= 1UL << w;
        }
        Exception? error = null;
        try
        {
            job.RunChunks();
        }
        catch (Exception e)
        {
            error = e;
        }
        for (int w = 0; w < helpers; w++)
            if ((started & (1UL << w)) != 0)
                workers[w].Join();
        job.Clear();
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }
}
