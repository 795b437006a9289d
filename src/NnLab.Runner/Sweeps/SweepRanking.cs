using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// The order results are shown in, by the sweep's <c>rank_by</c> metric (costs lowest first, accuracies highest
/// first). Trials: completed ones with the metric, best first, then those without it (completed or diverged), then
/// failed, cancelled and never-run ones. Groups of repeats: those whose every repeat completed with the metric, by its
/// mean, then those with some repeat diverged, failed or not run, by the mean over their completed repeats, then those
/// with no completed repeat. Ties on accuracy go to the lower matching cost (final cost for accuracy, validation cost for
/// validation accuracy); remaining ties keep trial order. Only a completed trial can be "the best".
/// </summary>
public static class SweepRanking
{
    public static IReadOnlyList<TrialRecord> Sort(IEnumerable<TrialRecord> trials, SweepRankBy rankBy = SweepRankBy.FinalCost) =>
        trials.OrderBy(t => Tier(t, rankBy))
            .ThenBy(t => Tier(t, rankBy) == 0 ? Key(t.Metric(SweepMetrics.Of(rankBy)), rankBy) : null)
            .ThenBy(t => Tier(t, rankBy) == 0 && TieBreak(rankBy) is { } m ? t.Metric(m) ?? double.MaxValue : 0)
            .ThenBy(t => t.Index).ToList();

    /// <summary>The best completed trial by <paramref name="rankBy"/>, or null when no completed trial has that number.</summary>
    public static TrialRecord? Best(IEnumerable<TrialRecord> trials, SweepRankBy rankBy = SweepRankBy.FinalCost) =>
        Sort(trials.Where(t => Tier(t, rankBy) == 0), rankBy).FirstOrDefault();

    internal static bool IsBetter(TrialRecord candidate, TrialRecord? best, SweepRankBy rankBy) =>
        Tier(candidate, rankBy) == 0 && (best is null || Sort([candidate, best], rankBy)[0] == candidate);

    public static IReadOnlyList<TrialGroup> Sort(IEnumerable<TrialGroup> groups, SweepRankBy rankBy)
    {
        var metric = SweepMetrics.Of(rankBy);
        var tie = TieBreak(rankBy);
        return groups.OrderBy(g => Tier(g, metric))
            .ThenBy(g => Key(g.Statistics(metric)?.Mean, rankBy))
            .ThenBy(g => tie is { } m ? g.Statistics(m)?.Mean ?? double.MaxValue : 0)
            .ThenBy(g => g.Index).ToList();
    }

    /// <summary>The first ranked group with a completed repeat that has the metric, or null when there is none.</summary>
    public static TrialGroup? Best(IEnumerable<TrialGroup> groups, SweepRankBy rankBy) =>
        Sort(groups, rankBy).FirstOrDefault(g => Tier(g, SweepMetrics.Of(rankBy)) < 2);

    // Higher accuracies first: sort by the negated value. Nulls sort first, but only ranked rows (which have one) use the key.
    private static double? Key(double? value, SweepRankBy rankBy) => rankBy.HigherIsBetter() ? -value : value;

    private static SweepMetric? TieBreak(SweepRankBy rankBy) => rankBy switch
    {
        SweepRankBy.Accuracy => SweepMetric.FinalCost,
        SweepRankBy.ValidationAccuracy => SweepMetric.ValidationCost,
        _ => null,
    };

    private static int Tier(TrialGroup g, SweepMetric metric) =>
        g.IsComplete(metric) ? 0 : g.Statistics(metric) is not null ? 1 : 2;

    private static int Tier(TrialRecord t, SweepRankBy rankBy) => t.Status switch
    {
        TrialStatus.Completed when t.Metric(SweepMetrics.Of(rankBy)) is { } value && double.IsFinite(value) => 0,
        TrialStatus.Completed or TrialStatus.Diverged => 1,
        TrialStatus.Failed or TrialStatus.Crashed => 2,
        TrialStatus.Cancelled or TrialStatus.Preempted => 3,
        _ => 4,
    };
}
