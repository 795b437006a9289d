namespace NnLab.Runner.Sweeps;

/// <summary>
/// The order results are shown in: completed trials by final cost (lowest first), then diverged ones, then failed,
/// cancelled and never-run ones; ties keep trial order. Only a completed trial can be "the best".
/// </summary>
public static class SweepRanking
{
    public static IReadOnlyList<TrialRecord> Sort(IEnumerable<TrialRecord> trials) =>
        trials.OrderBy(Group).ThenBy(t => Group(t) == 0 ? t.FinalCost : null).ThenBy(t => t.Index).ToList();

    /// <summary>The completed trial with the lowest final cost, or null when none completed.</summary>
    public static TrialRecord? Best(IEnumerable<TrialRecord> trials) =>
        trials.Where(Ranked).OrderBy(t => t.FinalCost).ThenBy(t => t.Index).FirstOrDefault();

    internal static bool IsBetter(TrialRecord candidate, TrialRecord? best) =>
        Ranked(candidate) && (best is null || candidate.FinalCost < best.FinalCost
            || (candidate.FinalCost == best.FinalCost && candidate.Index < best.Index));

    private static bool Ranked(TrialRecord t) => Group(t) == 0;

    private static int Group(TrialRecord t) => t.Status switch
    {
        TrialStatus.Completed when t.FinalCost is { } cost && double.IsFinite(cost) => 0,
        TrialStatus.Completed or TrialStatus.Diverged => 1,
        TrialStatus.Failed => 2,
        TrialStatus.Cancelled => 3,
        _ => 4,
    };
}
