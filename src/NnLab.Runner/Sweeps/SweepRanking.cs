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
        trials.OrderBy(t => KeyOf(t, rankBy)).ToList();

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="trials"/> in <see cref="Sort(IEnumerable{TrialRecord}, SweepRankBy)"/>'s order, holding no more than
    /// that many at a time (a sweep's trials may be made one by one as they are read: 100,000 sorted would all be held).
    /// </summary>
    public static IReadOnlyList<TrialRecord> Top(IEnumerable<TrialRecord> trials, SweepRankBy rankBy, int count) =>
        Top(trials, t => KeyOf(t, rankBy), count);

    /// <summary>The best completed trial by <paramref name="rankBy"/>, or null when no completed trial has that number.</summary>
    public static TrialRecord? Best(IEnumerable<TrialRecord> trials, SweepRankBy rankBy = SweepRankBy.FinalCost) =>
        Top(trials.Where(t => Tier(t, rankBy) == 0), rankBy, 1).FirstOrDefault();

    internal static bool IsBetter(TrialRecord candidate, TrialRecord? best, SweepRankBy rankBy) =>
        Tier(candidate, rankBy) == 0 && (best is null || KeyOf(candidate, rankBy).CompareTo(KeyOf(best, rankBy)) < 0);

    public static IReadOnlyList<TrialGroup> Sort(IEnumerable<TrialGroup> groups, SweepRankBy rankBy) =>
        groups.OrderBy(g => KeyOf(g, rankBy)).ToList();

    /// <summary>The first <paramref name="count"/> of <paramref name="groups"/> in <see cref="Sort(IEnumerable{TrialGroup}, SweepRankBy)"/>'s order, holding no more than that many.</summary>
    public static IReadOnlyList<TrialGroup> Top(IEnumerable<TrialGroup> groups, SweepRankBy rankBy, int count) =>
        Top(groups, g => KeyOf(g, rankBy), count);

    /// <summary>The first ranked group with a completed repeat that has the metric, or null when there is none.</summary>
    public static TrialGroup? Best(IEnumerable<TrialGroup> groups, SweepRankBy rankBy) =>
        Top(groups.Where(g => Tier(g, SweepMetrics.Of(rankBy)) < 2), rankBy, 1).FirstOrDefault();

    /// <summary>
    /// Where an item ranks: its tier, then (ranked items only) the metric as a key and the tie-break metric, then its
    /// number. Nulls sort first, as OrderBy sorts them; only ranked rows, which have a value, use the key.
    /// </summary>
    private readonly record struct RankKey(int Tier, double? Key, double Tie, int Index) : IComparable<RankKey>
    {
        public int CompareTo(RankKey other)
        {
            int c = Tier.CompareTo(other.Tier);
            if (c == 0) c = Comparer<double?>.Default.Compare(Key, other.Key);
            if (c == 0) c = Tie.CompareTo(other.Tie);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    private static RankKey KeyOf(TrialRecord t, SweepRankBy rankBy)
    {
        int tier = Tier(t, rankBy);
        return tier != 0
            ? new RankKey(tier, null, 0, t.Index)
            : new RankKey(0, Key(t.Metric(SweepMetrics.Of(rankBy)), rankBy), TieBreak(rankBy) is { } m ? t.Metric(m) ?? double.MaxValue : 0, t.Index);
    }

    private static RankKey KeyOf(TrialGroup g, SweepRankBy rankBy)
    {
        var metric = SweepMetrics.Of(rankBy);
        return new RankKey(Tier(g, metric), Key(g.Statistics(metric)?.Mean, rankBy),
            TieBreak(rankBy) is { } m ? g.Statistics(m)?.Mean ?? double.MaxValue : 0, g.Index);
    }

    /// <summary>The <paramref name="count"/> smallest by key, in order: a sorted buffer that each item replaces the last of when it ranks before it.</summary>
    private static IReadOnlyList<T> Top<T>(IEnumerable<T> items, Func<T, RankKey> key, int count)
    {
        var kept = new List<(RankKey Key, T Item)>(Math.Min(count, 1024) + 1);
        if (count <= 0) return [];
        foreach (var item in items)
        {
            var k = key(item);
            if (kept.Count == count && k.CompareTo(kept[^1].Key) >= 0) continue;
            int at = kept.FindIndex(e => k.CompareTo(e.Key) < 0);
            kept.Insert(at < 0 ? kept.Count : at, (k, item));
            if (kept.Count > count) kept.RemoveAt(kept.Count - 1);
        }
        return kept.Select(e => e.Item).ToList();
    }

    // Higher accuracies first: sort by the negated value.
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
