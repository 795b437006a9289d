using System.Text.Json.Serialization;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// One line of a state file (<c>state/&lt;writer&gt;.jsonl</c>): a trial started (status running), ended (completed,
/// diverged, failed, cancelled, crashed, preempted) or was reset to pending by a resume, with everything trials.json and the
/// summaries need about it, its cost curve included. Only the process named by <see cref="Worker"/> writes its file.
/// </summary>
/// <param name="Trial">The trial's index in the sweep's order.</param>
/// <param name="Id">The trial's id (hash of its resolved configuration): a line whose id differs from the sweep's is ignored.</param>
/// <param name="Status">Where the trial stands after this event.</param>
/// <param name="Utc">When the event was written; the latest event of a trial wins, except that a completed or diverged one is never replaced.</param>
/// <param name="Worker">The writer's id, the state file's name without <c>.jsonl</c>.</param>
/// <param name="Reason">Why it diverged, failed, crashed or was cancelled.</param>
/// <param name="FinalCost">The rest are trials.json's fields of the same names (<see cref="TrialRecord"/>).</param>
/// <param name="Accuracy">See <see cref="TrialRecord"/>.</param>
/// <param name="ValidationCost">See <see cref="TrialRecord"/>.</param>
/// <param name="BestValidationCost">See <see cref="TrialRecord"/>.</param>
/// <param name="ValidationAccuracy">See <see cref="TrialRecord"/>.</param>
/// <param name="TestCost">See <see cref="TrialRecord"/>.</param>
/// <param name="TestAccuracy">See <see cref="TrialRecord"/>.</param>
/// <param name="EpochsCompleted">See <see cref="TrialRecord"/>.</param>
/// <param name="WallTimeSeconds">See <see cref="TrialRecord"/>.</param>
/// <param name="StartedUtc">See <see cref="TrialRecord"/>.</param>
/// <param name="FinishedUtc">See <see cref="TrialRecord"/>.</param>
/// <param name="ExitCode">A crashed trial: its process's exit code (128 + N for signal N).</param>
/// <param name="ResumedFromEpoch">See <see cref="TrialRecord"/>: the epoch a continued (once preempted) trial's run started from.</param>
/// <param name="Curve">Every recorded epoch as <c>[epoch, cost]</c>, or <c>[epoch, cost, validation_cost]</c> with a validation split.</param>
public sealed record TrialEvent(
    int Trial,
    string Id,
    TrialStatus Status,
    DateTime Utc,
    string Worker,
    string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? FinalCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Accuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ValidationCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BestValidationCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ValidationAccuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TestCost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TestAccuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EpochsCompleted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? WallTimeSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? StartedUtc = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? FinishedUtc = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExitCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ResumedFromEpoch = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double[]>? Curve = null)
{
    /// <summary>The event for <paramref name="record"/> (the trial as it now stands) with its curve.</summary>
    public static TrialEvent Of(TrialRecord record, string worker, DateTime utc, IReadOnlyList<CostRecord>? curve = null, int? exitCode = null) =>
        new(record.Index, record.Id, record.Status, utc, worker, record.Reason, record.FinalCost, record.Accuracy, record.ValidationCost,
            record.BestValidationCost, record.ValidationAccuracy, record.TestCost, record.TestAccuracy, record.EpochsCompleted,
            record.WallTimeSeconds, record.StartedUtc, record.FinishedUtc, exitCode, record.ResumedFromEpoch,
            curve?.Select(r => r.ValidationCost is { } v ? new[] { r.Epoch, r.Cost, v } : [r.Epoch, r.Cost]).ToList());

    /// <summary><paramref name="record"/> (its fixed fields: index, id, label, parameters, folder) as this event leaves it.</summary>
    public TrialRecord Apply(TrialRecord record) => record with
    {
        Status = Status, Reason = Reason, FinalCost = FinalCost, Accuracy = Accuracy, ValidationCost = ValidationCost,
        BestValidationCost = BestValidationCost, ValidationAccuracy = ValidationAccuracy, TestCost = TestCost, TestAccuracy = TestAccuracy,
        EpochsCompleted = EpochsCompleted, WallTimeSeconds = WallTimeSeconds, StartedUtc = StartedUtc, FinishedUtc = FinishedUtc,
        ResumedFromEpoch = ResumedFromEpoch,
    };
}
