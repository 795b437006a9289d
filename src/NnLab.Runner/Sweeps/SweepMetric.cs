using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>The per-trial numbers summary.csv lists and groups.csv summarises over repeats.</summary>
public enum SweepMetric
{
    FinalCost,
    ValidationCost,
    BestValidationCost,
    Accuracy,
    ValidationAccuracy,
    TestCost,
    TestAccuracy,
    WallTimeSeconds,
}

public static class SweepMetrics
{
    /// <summary>Every metric in column order.</summary>
    public static IReadOnlyList<SweepMetric> All { get; } = Enum.GetValues<SweepMetric>();

    /// <summary>The column name: <c>validation_cost</c>.</summary>
    public static string Key(this SweepMetric metric) => metric switch
    {
        SweepMetric.FinalCost => "final_cost",
        SweepMetric.ValidationCost => "validation_cost",
        SweepMetric.BestValidationCost => "best_validation_cost",
        SweepMetric.Accuracy => "accuracy",
        SweepMetric.ValidationAccuracy => "validation_accuracy",
        SweepMetric.TestCost => "test_cost",
        SweepMetric.TestAccuracy => "test_accuracy",
        _ => "wall_time_seconds",
    };

    public static SweepMetric Of(SweepRankBy rankBy) => rankBy switch
    {
        SweepRankBy.FinalCost => SweepMetric.FinalCost,
        SweepRankBy.ValidationCost => SweepMetric.ValidationCost,
        SweepRankBy.BestValidationCost => SweepMetric.BestValidationCost,
        SweepRankBy.Accuracy => SweepMetric.Accuracy,
        _ => SweepMetric.ValidationAccuracy,
    };

    /// <summary>Whether the metric exists only with a validation split, or a test split.</summary>
    private static bool NeedsValidation(SweepMetric m) => m is SweepMetric.ValidationCost or SweepMetric.BestValidationCost or SweepMetric.ValidationAccuracy;

    private static bool NeedsTest(SweepMetric m) => m is SweepMetric.TestCost or SweepMetric.TestAccuracy;

    /// <summary>summary.csv's metric columns: the validation ones when the sweep's data has that split, the test ones likewise.</summary>
    public static IReadOnlyList<SweepMetric> Columns(SweepSplits splits) =>
        All.Where(m => (!NeedsValidation(m) || splits.Validation) && (!NeedsTest(m) || splits.Test)).ToList();

    /// <summary>
    /// groups.csv's metrics: those of <see cref="Columns"/>, less the accuracies no trial has (regression targets).
    /// </summary>
    public static IReadOnlyList<SweepMetric> Summarised(SweepSplits splits, IReadOnlyList<TrialRecord> trials) =>
        Columns(splits).Where(m => m is not (SweepMetric.Accuracy or SweepMetric.ValidationAccuracy or SweepMetric.TestAccuracy)
            || trials.Any(t => t.Metric(m) is not null)).ToList();
}

/// <summary>Which held-out splits a sweep's trials have: some trial's data has a validation (test) split.</summary>
public sealed record SweepSplits(bool Validation, bool Test)
{
    public static SweepSplits None { get; } = new(false, false);

    public static SweepSplits Of(Sweep sweep) => new(
        sweep.Trials.Any(t => t.Data.Validation is not null),
        sweep.Trials.Any(t => t.Data.Test is not null));
}
