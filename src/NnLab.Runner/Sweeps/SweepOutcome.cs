namespace NnLab.Runner.Sweeps;

/// <summary>A finished sweep run: its folder, how it ended, and every trial's record (including those kept by a resume).</summary>
/// <param name="Folder">The sweep folder.</param>
/// <param name="Status">How the sweep ended.</param>
/// <param name="Results">Every trial's record and curve figures, in trial order.</param>
/// <param name="WallTime">How long this run took.</param>
/// <param name="Ran">How many trials this run executed (a resume runs only the unfinished ones).</param>
public sealed record SweepOutcome(RunFolder Folder, SweepStatus Status, IReadOnlyList<TrialResult> Results, int Ran, TimeSpan WallTime)
{
    public IReadOnlyList<TrialRecord> Trials => Results.Select(r => r.Record).ToList();

    public TrialRecord? Best => SweepRanking.Best(Trials);

    /// <summary>Every trial ended failed: the sweep produced no result at all.</summary>
    public bool AllFailed => Trials.Count > 0 && Trials.All(t => t.Status == TrialStatus.Failed);
}
