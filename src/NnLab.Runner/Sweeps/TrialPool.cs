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
    /// hold numbers, not trials, and are made as the workers take them: a large sweep holds neither its trials nor a
    /// list of its units (125,000 arrays, ~8 MB, at 1,000,000 trials).
    /// </summary>
    public static IEnumerable<int[]> UnitsOf(IReadOnlyList<int> trials, Func<int, string?> togetherKey, SweepTrialFiles files,
        SweepTogether together, int workers, Func<int, bool> alone)
    {
        if (files != SweepTrialFiles.Lean || together != SweepTogether.Auto)
        {
            foreach (int trial in trials) yield return [trial];
            yield break;
        }
        int size = Math.Clamp(trials.Count / Math.Max(1, workers), 1, UnitSize);
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
            if (open.Count > 0) yield return open.ToArray();
            open.Clear();
            open.Add(trial);
            openKey = key;
        }
        if (open.Count > 0) yield return open.ToArray();
    }

    /// <summary>Runs <paramref name="units"/>; true when a failure stopped the sweep early.</summary>
    public static async Task<bool> RunAsync<TUnit>(IEnumerable<TUnit> units, int workers, SweepErrorPolicy onError,
        Func<TUnit, Task<IReadOnlyList<TrialRecord>>> run, CancellationToken cancellation)
    {
        using var next = units.GetEnumerator();
        using var stop = new CancellationTokenSource();

        bool TryTake(out TUnit unit)
        {
            lock (next)
            {
                bool taken = next.MoveNext();
                unit = taken ? next.Current : default!;
                return taken;
            }
        }

        async Task Work()
        {
            while (!cancellation.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                if (!TryTake(out var unit)) return;
                var records = await run(unit);
                if (onError == SweepErrorPolicy.Stop && records.Any(r => r.Status == TrialStatus.Failed)) await stop.CancelAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(Work, CancellationToken.None)));
        return stop.IsCancellationRequested;
    }
}
