using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Counts a display may read from another thread while the sweep runs: trials done, running, failed, and the best
/// completed trial so far. <see cref="Total"/> counts only the trials this run executes (a resume skips the rest).
/// </summary>
public sealed class SweepProgress
{
    private readonly Lock _lock = new();
    private int _running;
    private int _done;
    private int _failed;
    private int _diverged;
    private TrialRecord? _best;

    public SweepProgress(int total, SweepRankBy rankBy = SweepRankBy.FinalCost)
    {
        Total = total;
        RankBy = rankBy;
    }

    public int Total { get; }

    /// <summary>What "best" means: the sweep's ranking metric.</summary>
    public SweepRankBy RankBy { get; }

    public Snapshot Read()
    {
        lock (_lock) return new Snapshot(Total, _done, _running, _failed, _diverged, _best) { RankBy = RankBy };
    }

    internal void Started()
    {
        lock (_lock) _running++;
    }

    internal void Finished(TrialRecord record)
    {
        lock (_lock)
        {
            _running--;
            _done++;
            if (record.Status is TrialStatus.Failed or TrialStatus.Crashed) _failed++;
            if (record.Status == TrialStatus.Diverged) _diverged++;
            if (SweepRanking.IsBetter(record, _best, RankBy)) _best = record;
        }
    }

    /// <summary>The counts at one moment; <see cref="Best"/> is the best completed trial by the sweep's ranking metric.</summary>
    public sealed record Snapshot(int Total, int Done, int Running, int Failed, int Diverged, TrialRecord? Best)
    {
        /// <summary>The metric <see cref="Best"/> is best by.</summary>
        public SweepRankBy RankBy { get; init; }
    }
}
