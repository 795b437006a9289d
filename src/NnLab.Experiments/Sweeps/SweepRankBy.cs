namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The number a sweep ranks its trials (or, with repeats, its groups of repeats) by: <c>sweep.rank_by</c>. The
/// default is <see cref="ValidationCost"/> when the experiment has a validation split, else <see cref="FinalCost"/>.
/// </summary>
public enum SweepRankBy
{
    /// <summary>The cost of the trained network on the training data (summary.json's final_cost); lower is better.</summary>
    FinalCost,

    /// <summary>The kept weights' cost on the validation split (under early stopping, the best one); lower is better.</summary>
    ValidationCost,

    /// <summary>The lowest validation cost recorded in cost.csv (under early stopping, the kept one); lower is better.</summary>
    BestValidationCost,

    /// <summary>The training accuracy; higher is better.</summary>
    Accuracy,

    /// <summary>The kept weights' accuracy on the validation split; higher is better.</summary>
    ValidationAccuracy,
}

/// <summary>What each ranking metric means for ordering and for the messages that name it.</summary>
public static class SweepRankByExtensions
{
    /// <summary>Accuracies rank highest first; costs lowest first.</summary>
    public static bool HigherIsBetter(this SweepRankBy rankBy) => rankBy is SweepRankBy.Accuracy or SweepRankBy.ValidationAccuracy;

    /// <summary>Whether the metric only exists with a validation split.</summary>
    public static bool NeedsValidation(this SweepRankBy rankBy) =>
        rankBy is SweepRankBy.ValidationCost or SweepRankBy.BestValidationCost or SweepRankBy.ValidationAccuracy;

    /// <summary>The key as written in the sweep block and the CSV columns: <c>validation_cost</c>.</summary>
    public static string Key(this SweepRankBy rankBy) => rankBy switch
    {
        SweepRankBy.FinalCost => "final_cost",
        SweepRankBy.ValidationCost => "validation_cost",
        SweepRankBy.BestValidationCost => "best_validation_cost",
        SweepRankBy.Accuracy => "accuracy",
        _ => "validation_accuracy",
    };

    /// <summary>For people: <c>validation cost</c>.</summary>
    public static string Words(this SweepRankBy rankBy) => rankBy.Key().Replace('_', ' ');
}
