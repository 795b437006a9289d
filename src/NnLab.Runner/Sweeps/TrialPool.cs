using NnLab.Experiments;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs units of trials in order on at most N concurrent workers. A unit is one trial, or consecutive lean trials
/// that may train together (<see cref="UnitsOf"/>). A worker takes the next unit only while the sweep is neither
/// cancelled nor stopped, so on <c>on_error: stop</c> the units already running finish and no new one starts. Each
/// unit is isolated by <c>run</c>, which turns whatever happens into records and never throws.
/// </summary>
internal static class TrialPool
{
    /// <summary>Lean trials handed to a worker at once: two passes of four float64 lanes, one of eight float32.</summary>
    public const int UnitSize = 8;

    /// <summary>
    /// The trials numbered <paramref name="trials"/> as units of trial numbers: in a sweep of lean trials that trains
    /// together, runs of up to <see cref="UnitSize"/> consecutive trials that can share a pass (the same
    /// <see cref="Experiment.TogetherKey"/>, <paramref name="togetherKey"/>), no more than an even share of the workers'
    /// (so a small sweep still spreads over them); every other trial alone, and so is every trial
    /// <paramref name="alone"/> names whatever its shape (a preempted trial continues from its own checkpoint). Units
    /// hold numbers, not trials: a large sweep makes each trial only when it runs.
    /// </summary>
    public static IReadOnlyList<int[]> UnitsOf(IReadOnlyList<int> trials, Func<int, string?> togetherKey, SweepTrialFiles files,
        SweepTogether together, int workers, Func<int, bool> alone)
    {
        if (files != SweepTrialFiles.Lean || together != SweepTogether.Auto) return trials.Select(t => (int[])[t]).ToList();
        int size = Math.Clamp(trials.Count / Math.Max(1, workers), 1, UnitSize);
        var units = new List<int[]>();
        var open = new List<int>(size);
        string? openKey = null;
        foreach (int trial in trials)
        {
            string? key = alone(trial) ? null : togetherKey(trial);
            if (key is not null && key == openKey && open.Count < size)
            {
                open.Add(trial);
                continue;
            }
            if (open.Count > 0) units.Add(open.ToArray());
            open.Clear();
            open.Add(trial);
            openKey = key;
        }
        if (open.Count > 0) units.Add(open.ToArray());
        return units;
    }

    /// <summary>Runs <paramref name="units"/>; true when a failure stopped the sweep early.</summary>
    public static async Task<bool> RunAsync<TUnit>(IReadOnlyList<TUnit> units, int workers, SweepErrorPolicy onError,
        Func<TUnit, Task<IReadOnlyList<TrialRecord>>> run, CancellationToken cancellation)
    {
        int next = -1;
        using var stop = new CancellationTokenSource();

        async Task Work()
        {
            while (!cancellation.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= units.Count) return;
                var records = await run(units[index]);
                if (onError == SweepErrorPolicy.Stop && records.Any(r => r.Status == TrialStatus.Failed)) await stop.CancelAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(Work, CancellationToken.None)));
        return stop.IsCancellationRequested;
    }
}
