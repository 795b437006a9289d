namespace NnLab.Runner.Sweeps;

/// <summary>
/// Gathers every trial's result from the manifest's records and each trial's own cost.csv, and writes
/// summary.csv, groups.csv and costs.csv from them, so all three always agree with the trial folders.
/// </summary>
internal static class SweepResults
{
    public static IReadOnlyList<TrialResult> Write(RunFolder folder, IReadOnlyList<string> parameterNames, IReadOnlyList<TrialRecord> trials,
        int repeats, SweepSplits splits)
    {
        var curves = trials.Select(t => (Record: t, Curve: Curve(folder, t))).ToList();
        var results = curves.Select(c => Result(c.Record, c.Curve)).ToList();
        SweepSummaryCsv.Write(folder.PathOf(SweepFiles.Summary), parameterNames, results, splits);
        SweepGroupsCsv.Write(folder.PathOf(SweepFiles.Groups), parameterNames, TrialGroup.Of(trials, repeats),
            SweepMetrics.Summarised(splits, trials));
        SweepCostsCsv.Write(folder.PathOf(SweepFiles.Costs), parameterNames, curves);
        return results;
    }

    private static TrialResult Result(TrialRecord record, TrialCurve curve) =>
        new(record, curve.Initial, curve.Best?.Cost, curve.Best?.Epoch);

    // A trial that never started has no folder of its own yet; a stale folder of an unfinished one is not its result.
    private static TrialCurve Curve(RunFolder folder, TrialRecord trial) =>
        trial.HasEnded ? TrialCurve.Read(Path.Combine(folder.FullPath, trial.RunFolder, RunFiles.Costs)) : TrialCurve.Empty;
}
