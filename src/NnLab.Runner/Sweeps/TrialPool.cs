using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs trials in order on at most N concurrent workers. A worker takes the next trial only while the sweep is
/// neither cancelled nor stopped, so on <c>on_error: stop</c> the trials already running finish and no new one
/// starts. Each trial is isolated by <c>run</c>, which turns whatever happens into a record and never throws.
/// </summary>
internal static class TrialPool
{
    /// <summary>Runs <paramref name="trials"/>; true when a failure stopped the sweep early.</summary>
    public static async Task<bool> RunAsync(IReadOnlyList<SweepTrial> trials, int workers, SweepErrorPolicy onError,
        Func<SweepTrial, Task<TrialRecord>> run, CancellationToken cancellation)
    {
        int next = -1;
        using var stop = new CancellationTokenSource();

        async Task Work()
        {
            while (!cancellation.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= trials.Count) return;
                var record = await run(trials[index]);
                if (record.Status == TrialStatus.Failed && onError == SweepErrorPolicy.Stop) await stop.CancelAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(Work, CancellationToken.None)));
        return stop.IsCancellationRequested;
    }
}
