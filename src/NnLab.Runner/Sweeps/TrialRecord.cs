using System.Text.Json.Serialization;

namespace NnLab.Runner.Sweeps;

/// <summary>One trial in trials.json: what it is, how it stands, and its headline results once it has ended.</summary>
/// <param name="Index">Its number in the sweep's order, from 0.</param>
/// <param name="Id">Hash of its resolved configuration (first 16 hex digits of SHA-256).</param>
/// <param name="Label">Its folder name.</param>
/// <param name="Parameters">Parameter name (axis path, "repeat", "seed") to value as one-line YAML.</param>
/// <param name="Status">Pending, running, or how it ended.</param>
/// <param name="Reason">Why it diverged, failed or was cancelled.</param>
/// <param name="RunFolder">Its run folder relative to the sweep folder.</param>
/// <param name="FinalCost">The cost of the trained network (summary.json's final_cost).</param>
/// <param name="Accuracy">Its accuracy (summary.json), for classification targets.</param>
/// <param name="ValidationCost">The kept weights' cost on the validation split (summary.json's validation.cost); with a validation split only.</param>
/// <param name="BestValidationCost">
/// The lowest validation cost recorded in its cost.csv; under early stopping the one recorded at the kept epoch.
/// </param>
/// <param name="ValidationAccuracy">The kept weights' accuracy on the validation split, for classification targets.</param>
/// <param name="TestCost">The kept weights' cost on the test split; with a test split only.</param>
/// <param name="TestAccuracy">The kept weights' accuracy on the test split, for classification targets.</param>
/// <param name="EpochsCompleted">Epochs it ran.</param>
/// <param name="WallTimeSeconds">Its run's wall time.</param>
/// <param name="StartedUtc">When it last started.</param>
/// <param name="FinishedUtc">When it ended.</param>
/// <param name="ResumedFromEpoch">
/// The epoch its latest run continued from: the checkpoint a preemption kept (it trained only the epochs after it);
/// null when that run started from epoch 0.
/// </param>
public sealed record TrialRecord(
    int Index,
    string Id,
    string Label,
    [property: JsonConverter(typeof(TrialParametersConverter))] IReadOnlyDictionary<string, string> Parameters,
    TrialStatus Status,
    string? Reason,
    string RunFolder,
    double? FinalCost = null,
    double? Accuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ValidationCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BestValidationCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ValidationAccuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TestCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TestAccuracy = null,
    int? EpochsCompleted = null,
    double? WallTimeSeconds = null,
    DateTime? StartedUtc = null,
    DateTime? FinishedUtc = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ResumedFromEpoch = null)
{
    /// <summary>Ended with a result the sweep keeps: a rerun would only repeat it.</summary>
    [JsonIgnore]
    public bool IsFinal => Status is TrialStatus.Completed or TrialStatus.Diverged;

    [JsonIgnore]
    public bool HasEnded => Status is not (TrialStatus.Pending or TrialStatus.Running);

    /// <summary>The value of <paramref name="metric"/>, or null when the trial has none.</summary>
    public double? Metric(SweepMetric metric) => metric switch
    {
        SweepMetric.FinalCost => FinalCost,
        SweepMetric.ValidationCost => ValidationCost,
        SweepMetric.BestValidationCost => BestValidationCost,
        SweepMetric.Accuracy => Accuracy,
        SweepMetric.ValidationAccuracy => ValidationAccuracy,
        SweepMetric.TestCost => TestCost,
        SweepMetric.TestAccuracy => TestAccuracy,
        _ => WallTimeSeconds,
    };
}
