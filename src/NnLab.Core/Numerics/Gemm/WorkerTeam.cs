using System.Runtime.ExceptionServices;

namespace NnLab.Numerics.Gemm;

/// <summary>Runs a job's chunks on the calling thread and on as many pooled workers as it can claim.</summary>
internal static class WorkerTeam
{
    /// <summary>
    /// Starts up to <paramref name="helpers"/> idle workers on <paramref name="job"/>, takes chunks on the caller too,
    /// and returns once every chunk is done (a worker busy with another caller's job is skipped: the caller then
    /// computes more chunks itself). Rethrows the first error of the caller or a worker.
    /// </summary>
    public static void Run(IGemmJob job, int helpers)
    {
        var workers = GemmWorkerPool.Workers;
        helpers = Math.Min(helpers, workers.Length);
        ulong started = 0;
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
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }
}
