using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>Ranking by rank_by on constructed records: trials, and groups of repeats.</summary>
public class SweepRankingTests
{
    private static TrialRecord Trial(int index, double final, double validation, TrialStatus status = TrialStatus.Completed,
        double? accuracy = null, double? validationAccuracy = null) =>
        new(index, "id", $"{index:000}-learning_rate={index},repeat=0", new Dictionary<string, string> { ["x"] = $"{index}" }, status, null, "",
            FinalCost: final, Accuracy: accuracy, ValidationCost: validation, BestValidationCost: validation - 0.01,
            ValidationAccuracy: validationAccuracy, WallTimeSeconds: 1);

    [Fact]
    public void An_overfitting_trial_wins_on_final_cost_and_loses_on_validation_cost()
    {
        // Trial 0 fits its training points best (lowest final cost) but generalises worst.
        var trials = new[] { Trial(0, 0.001, 0.40), Trial(1, 0.05, 0.10), Trial(2, 0.02, 0.20) };

        Assert.Equal(0, SweepRanking.Best(trials, SweepRankBy.FinalCost)!.Index);
        Assert.Equal(1, SweepRanking.Best(trials, SweepRankBy.ValidationCost)!.Index);
        Assert.Equal([1, 2, 0], SweepRanking.Sort(trials, SweepRankBy.ValidationCost).Select(t => t.Index));
        Assert.Equal([1, 2, 0], SweepRanking.Sort(trials, SweepRankBy.BestValidationCost).Select(t => t.Index));
        Assert.Equal([0, 2, 1], SweepRanking.Sort(trials, SweepRankBy.FinalCost).Select(t => t.Index));
    }

    [Fact]
    public void Accuracies_rank_highest_first_and_ties_go_to_the_lower_matching_cost()
    {
        var trials = new[]
        {
            Trial(0, 0.3, 0.5, accuracy: 0.75, validationAccuracy: 1), Trial(1, 0.1, 0.2, accuracy: 1, validationAccuracy: 0.5),
            Trial(2, 0.2, 0.3, accuracy: 1, validationAccuracy: 1), Trial(3, 0.1, 0.1, accuracy: null, validationAccuracy: null),
        };

        Assert.Equal([1, 2, 0, 3], SweepRanking.Sort(trials, SweepRankBy.Accuracy).Select(t => t.Index));
        Assert.Equal([2, 0, 1, 3], SweepRanking.Sort(trials, SweepRankBy.ValidationAccuracy).Select(t => t.Index));
    }

    [Fact]
    public void Trials_without_the_metric_diverged_failed_and_unrun_rank_after_those_with_it()
    {
        var trials = new[]
        {
            Trial(0, 0.1, double.NaN), Trial(1, 9, 9, TrialStatus.Diverged), Trial(2, 0.1, 0.3), Trial(3, 0.1, 0.2, TrialStatus.Failed),
            Trial(4, 0.1, 0.1, TrialStatus.Pending),
        };

        Assert.Equal([2, 0, 1, 3, 4], SweepRanking.Sort(trials, SweepRankBy.ValidationCost).Select(t => t.Index));
        Assert.Equal(2, SweepRanking.Best(trials, SweepRankBy.ValidationCost)!.Index);
    }

    [Fact]
    public void Groups_rank_by_the_mean_and_a_group_with_a_diverged_or_failed_repeat_ranks_after_the_complete_ones()
    {
        var trials = new[]
        {
            // Group 0: the lowest mean validation cost, but one repeat diverged.
            Trial(0, 0.1, 0.01), Trial(1, 0.1, 0.01), Trial(2, 5, 5, TrialStatus.Diverged),
            // Group 1: complete, mean 0.2.
            Trial(3, 0.1, 0.1), Trial(4, 0.1, 0.2), Trial(5, 0.1, 0.3),
            // Group 2: complete, mean 0.15.
            Trial(6, 0.2, 0.1), Trial(7, 0.2, 0.2), Trial(8, 0.2, 0.15),
            // Group 3: nothing completed.
            Trial(9, 1, 1, TrialStatus.Failed), Trial(10, 1, 1, TrialStatus.Failed), Trial(11, 1, 1, TrialStatus.Cancelled),
        };
        var groups = TrialGroup.Of(trials, 3);

        Assert.Equal(["learning_rate=0", "learning_rate=3", "learning_rate=6", "learning_rate=9"], groups.Select(g => g.Label));
        Assert.Equal([2, 1, 0, 3], SweepRanking.Sort(groups, SweepRankBy.ValidationCost).Select(g => g.Index));
        Assert.Equal([1, 2, 0, 3], SweepRanking.Sort(groups, SweepRankBy.FinalCost).Select(g => g.Index));
        Assert.Equal(2, SweepRanking.Best(groups, SweepRankBy.ValidationCost)!.Index);
        var diverged = groups[0];
        Assert.Equal((2, 1, 0, 0), (diverged.Completed, diverged.Diverged, diverged.Failed, diverged.NotRun));
        Assert.Equal(new MetricStatistics(2, 0.01, 0, 0.01, 0.01), diverged.Statistics(SweepMetric.ValidationCost));
        Assert.Equal((0, 0, 2, 1), (groups[3].Completed, groups[3].Diverged, groups[3].Failed, groups[3].NotRun));
        Assert.Null(groups[3].Statistics(SweepMetric.FinalCost));
    }
}
