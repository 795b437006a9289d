namespace NnLab.Numerics.Gemm;

/// <summary>
/// Splits C into equal runs of whole tiles along its longer dimension (in tiles), one per thread: part 0 runs on the
/// caller, the others on pooled workers. Each output is still one FMA chain in p order, so the split never changes a
/// result; the partition depends only on the shape and the thread count.
/// </summary>
internal static class ParallelGemm
{
    public static void Run(in GemmProblem pr, GemmKernel kernel, int threads)
    {
        int mr = GemmKernels.Mr(kernel), nr = GemmKernels.Nr(kernel);
        int tilesM = (pr.M + mr - 1) / mr, tilesN = (pr.N + nr - 1) / nr;
        bool byColumns = tilesN >= tilesM;
        int tiles = byColumns ? tilesN : tilesM;
        int parts = Math.Min(Math.Min(threads, tiles), GemmWorkerPool.MaxThreads);
        if (parts <= 1)
        {
            GemmKernels.RunBlocked(pr, kernel);
            return;
        }

        // The caller may end up computing any part (when a worker is busy with another caller's product): size its
        // buffers for the whole product now, so that never allocates in the middle of a training loop.
        GemmKernels.Reserve(pr, kernel);
        var workers = GemmWorkerPool.Workers;
        ulong started = 0;
        for (int part = 1; part < parts; part++)
        {
            var worker = workers[part - 1];
            if (!worker.TryClaim()) continue;
            worker.Start(Part(pr, part, parts, tiles, byColumns, mr, nr), kernel);
            started |= 1UL << part;
        }
        Exception? error = null;
        try
        {
            for (int part = 0; part < parts; part++)
                if ((started & (1UL << part)) == 0)
                    GemmKernels.RunBlocked(Part(pr, part, parts, tiles, byColumns, mr, nr), kernel);
        }
        catch (Exception e)
        {
            error = e;
        }
        for (int part = 1; part < parts; part++)
            if ((started & (1UL << part)) != 0)
                workers[part - 1].Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    private static GemmProblem Part(in GemmProblem pr, int part, int parts, int tiles, bool byColumns, int mr, int nr)
    {
        int firstTile = (int)((long)tiles * part / parts);
        int endTile = (int)((long)tiles * (part + 1) / parts);
        if (byColumns)
        {
            int start = firstTile * nr;
            return pr.Columns(start, Math.Min(endTile * nr, pr.N) - start);
        }
        else
        {
            int start = firstTile * mr;
            return pr.Rows(start, Math.Min(endTile * mr, pr.M) - start);
        }
    }
}
