using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>A finished sweep run: its folder, how it ended, and every trial's record (including those kept by a resume).</summary>
/// <param name="Folder">The sweep folder.</param>
/// <param name="Status">How the sweep ended.</param>
/// <param name="Results">Every trial's record and curve figures, in trial order.</param>
/// <param name="WallTime">How long this run took.</param>
/// <param name="Ran">How many trials this run executed (a resume runs only the unfinished ones).</param>
public sealed record SweepOutcome(RunFolder Folder, SweepStatus Status, IReadOnlyList<TrialResult> Results, int Ran, TimeSpan WallTime)
{
    /// <summary>Every trial's record and curve figures, in trial order; empty after <see cref="ReleaseResults"/>.</summary>
    public IReadOnlyList<TrialResult> Results { get; private set; } = Results;

    /// <summary>
    /// Lets go of the trials' results (a view of the sweep's merged records and where their curves are, ~80 MB at
    /// 1,000,000 trials), for a caller done with them: the outcome itself stays reachable for a while from the stack the
    /// sweep's end ran on (its methods resume one another synchronously, nested on the stack of the one that finished first).
    /// </summary>
    public void ReleaseResults()
    {
        Results = [];
        _records = null;
    }

    private IReadOnlyList<TrialRecord>? _records;

    /// <summary>
    /// The trials' records apart from <see cref="Results"/>, when the maker has them so: a record read from them reads no
    /// curve back (a result reads its trial's curve from the state files, for its figures).
    /// </summary>
    internal IReadOnlyList<TrialRecord>? Records { init => _records = value; }

    /// <summary>What trials and groups are ranked by (the sweep's <c>rank_by</c>, or its default).</summary>
    public SweepRankBy RankBy { get; init; } = SweepRankBy.FinalCost;

    /// <summary>Why the sweep failed (<see cref="SweepStatus.Failed"/>: a full disk); null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Runs per combination; above 1 the results are compared by group means.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Every trial's record, in trial order (a view: each is made when read).</summary>
    public IReadOnlyList<TrialRecord> Trials => _records ?? new IndexedList<TrialRecord>(Results.Count, i => Results[i].Record);

    /// <summary>The combinations of axis values, each with its repeats (one trial each without repeats).</summary>
    public IReadOnlyList<TrialGroup> Groups => TrialGroup.Of(Trials, Repeats);

    /// <summary>The best completed trial by <see cref="RankBy"/>.</summary>
    public TrialRecord? Best => SweepRanking.Best(Trials, RankBy);

    /// <summary>The first <paramref name="count"/> groups by the mean of <see cref="RankBy"/>.</summary>
    public IReadOnlyList<TrialGroup> RankedGroups(int count) => SweepRanking.Top(Groups, RankBy, count);

    /// <summary>The best group by the mean of <see cref="RankBy"/> over its completed repeats.</summary>
    public TrialGroup? BestGroup => SweepRanking.Best(Groups, RankBy);

    /// <summary>Every trial ended failed: the sweep produced no result at all.</summary>
    public bool AllFailed => Trials.Count > 0 && Trials.All(t => t.Status is TrialStatus.Failed or TrialStatus.Crashed);
}
