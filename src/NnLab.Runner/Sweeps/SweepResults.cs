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
        SweepSummaryCsv.Write(folder.PathOf(SweepFiles.Summary), parameterNames, results, splits);
        SweepGroupsCsv.Write(folder.PathOf(SweepFiles.Groups), parameterNames, TrialGroup.Of(trials, repeats),
            SweepMetrics.Summarised(splits, trials));
        bool validation = state.AnyValidationCurve || state.AnyLegacyValidationCurve();
        SweepCostsCsv.Write(folder.PathOf(SweepFiles.Costs), parameterNames, trials, state.Curve, validation);
        return results;
    }
}
