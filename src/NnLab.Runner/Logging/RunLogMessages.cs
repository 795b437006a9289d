using Microsoft.Extensions.Logging;

namespace NnLab.Runner.Logging;

/// <summary>The run's structured events. Property names (Epoch, Cost, ...) become fields of log.jsonl.</summary>
/// <remarks>
/// Written out rather than generated with [LoggerMessage]: the generator gives each event a state struct of its own
/// argument types, and every such struct makes the loggers' generic <c>Log&lt;TState&gt;</c> (the tee, the host's
/// logger, Serilog's) JIT-compile anew at run time, about fifteen methods per event on every run. All events here share
/// one class, <see cref="RunEvent"/>, for which the precompiled shared code serves.
/// </remarks>
internal static class RunLogMessages
{
    private static readonly string[] RunStartedNames = ["Experiment", "Seed", "Epochs", "RunFolder"];
    private static readonly string[] OverridesAppliedNames = ["Overrides"];
    private static readonly string[] EpochCostNames = ["Epoch", "Cost"];
    private static readonly string[] ValidationScoreNames = ["Epoch", "ValidationCost", "ValidationAccuracy", "ValidationMae"];
    private static readonly string[] RunFinishedNames = ["Status", "EpochsCompleted", "FinalCost", "Accuracy", "WallTimeSeconds"];
    private static readonly string[] ReasonNames = ["Reason"];
    private static readonly string[] CheckpointFailedNames = ["Epoch", "Reason"];
    private static readonly string[] RunResumedNames = ["Experiment", "Epoch", "Epochs", "RunFolder"];
    private static readonly string[] CheckpointsWrittenNames = ["Checkpoints", "CheckpointMilliseconds"];

    public static void RunStarted(this ILogger logger, string experiment, uint seed, int epochs, string runFolder) =>
        Write(logger, LogLevel.Information, new(1, nameof(RunStarted)), null,
            "Running {Experiment} (seed {Seed}, {Epochs} epochs) into {RunFolder}", RunStartedNames, experiment, seed, epochs, runFolder);

    public static void OverridesApplied(this ILogger logger, IReadOnlyList<string> overrides) =>
        Write(logger, LogLevel.Debug, new(2, nameof(OverridesApplied)), null, "Overrides applied: {Overrides}", OverridesAppliedNames, overrides);

    public static void EpochCost(this ILogger logger, int epoch, double cost) =>
        Write(logger, LogLevel.Information, new(3, nameof(EpochCost)), null, "Epoch {Epoch} cost {Cost}", EpochCostNames, epoch, cost);

    public static void ValidationScore(this ILogger logger, int epoch, double validationCost, double? validationAccuracy,
        double? validationMae) =>
        Write(logger, LogLevel.Information, new(7, nameof(ValidationScore)), null,
            "Epoch {Epoch} validation cost {ValidationCost}, accuracy {ValidationAccuracy}, MAE {ValidationMae}", ValidationScoreNames,
            epoch, validationCost, validationAccuracy, validationMae);

    public static void RunFinished(this ILogger logger, RunStatus status, int epochsCompleted, double? finalCost,
        double? accuracy, double wallTimeSeconds) =>
        Write(logger, LogLevel.Debug, new(4, nameof(RunFinished)), null,
            "Run {Status} after {EpochsCompleted} epochs: final cost {FinalCost}, accuracy {Accuracy}, {WallTimeSeconds} s", RunFinishedNames,
            status, epochsCompleted, finalCost, accuracy, wallTimeSeconds);

    public static void TrainingFailed(this ILogger logger, Exception exception, string reason) =>
        Write(logger, LogLevel.Error, new(5, nameof(TrainingFailed)), exception, "Training failed: {Reason}", ReasonNames, reason);

    public static void MonitorFailed(this ILogger logger, Exception exception, string reason) =>
        Write(logger, LogLevel.Warning, new(6, nameof(MonitorFailed)), exception,
            "The progress display failed and was stopped: {Reason}", ReasonNames, reason);

    public static void CheckpointFailed(this ILogger logger, Exception exception, int epoch, string reason) =>
        Write(logger, LogLevel.Warning, new(7, nameof(CheckpointFailed)), exception,
            "Checkpoint at epoch {Epoch} could not be written: {Reason}", CheckpointFailedNames, epoch, reason);

    public static void RunResumed(this ILogger logger, string experiment, int epoch, int epochs, string runFolder) =>
        Write(logger, LogLevel.Information, new(8, nameof(RunResumed)), null,
            "Resuming {Experiment} at epoch {Epoch} of {Epochs} in {RunFolder}", RunResumedNames, experiment, epoch, epochs, runFolder);

    public static void CheckpointsWritten(this ILogger logger, int checkpoints, double checkpointMilliseconds) =>
        Write(logger, LogLevel.Debug, new(9, nameof(CheckpointsWritten)), null,
            "{Checkpoints} checkpoints written in {CheckpointMilliseconds} ms", CheckpointsWrittenNames, checkpoints, checkpointMilliseconds);

    private static void Write(ILogger logger, LogLevel level, EventId id, Exception? exception, string template, string[] names,
        params object?[] values)
    {
        if (!logger.IsEnabled(level)) return;
        logger.Log(level, id, new RunEvent(template, names, values), exception, RunEvent.Format);
    }
}
