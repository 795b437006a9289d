namespace NnLab.Runner.Sweeps;

/// <summary>
/// Writes summary.csv, groups.csv and costs.csv from the merged state (<see cref="SweepState"/>), each replaced
/// atomically, so all three agree with the state files (and, for trials run before state files existed, with their
/// folders). The cost curves are streamed, one trial at a time, into costs.csv: none is held in memory.
/// </summary>
internal static class SweepResults
{
    /// <summary>Every trial's record and curve figures, in trial order (nothing is written; a view, made as it is read).</summary>
    public static IReadOnlyList<TrialResult> Of(SweepState state) => state.Results;

    public static IReadOnlyList<TrialResult> Write(RunFolder folder, SweepState state, IReadOnlyList<string> parameterNames,
        int repeats, SweepSplits splits)
    {
        var results = Of(state);
        var trials = state.Records;
        bool validation = state.AnyValidationCurve || state.AnyLegacyValidationCurve();
        // costs.csv on a second core while the summaries are written: each reads every curve back (~40% of a large
        // sweep's merge each); the files are independent, each replaced atomically.
        var costs = Task.Run(() => SweepCostsCsv.Write(folder.PathOf(SweepFiles.Costs), parameterNames, trials, state.Curve, validation));
        try
        {
            SweepSummaryCsv.Write(folder.PathOf(SweepFiles.Summary), parameterNames, results, splits);
            SweepGroupsCsv.Write(folder.PathOf(SweepFiles.Groups), parameterNames, TrialGroup.Of(trials, repeats),
                SweepMetrics.Summarised(splits, trials));
        }
        finally
        {
            // Never left running behind an exception: the caller's next write (or the state's disposal) follows.
            Task.WaitAny(costs);
        }
        costs.GetAwaiter().GetResult();
        return results;
    }
}
