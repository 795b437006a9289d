using Microsoft.Extensions.Logging;

namespace NnLab.Runner.Logging;

/// <summary>The run's structured events. Property names (Epoch, Cost, ...) become fields of log.jsonl.</summary>
internal static partial class RunLogMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Running {Experiment} (seed {Seed}, {Epochs} epochs) into {RunFolder}")]
    public static partial void RunStarted(this ILogger logger, string experiment, uint seed, int epochs, string runFolder);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Overrides applied: {Overrides}")]
    public static partial void OverridesApplied(this ILogger logger, IReadOnlyList<string> overrides);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Epoch {Epoch} cost {Cost}")]
    public static partial void EpochCost(this ILogger logger, int epoch, double cost);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Epoch {Epoch} validation cost {ValidationCost}, accuracy {ValidationAccuracy}, MAE {ValidationMae}")]
    public static partial void ValidationScore(this ILogger logger, int epoch, double validationCost, double? validationAccuracy,
        double? validationMae);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "Run {Status} after {EpochsCompleted} epochs: final cost {FinalCost}, accuracy {Accuracy}, {WallTimeSeconds} s")]
    public static partial void RunFinished(this ILogger logger, RunStatus status, int epochsCompleted, double? finalCost,
        double? accuracy, double wallTimeSeconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Training failed: {Reason}")]
    public static partial void TrainingFailed(this ILogger logger, Exception exception, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The progress display failed and was stopped: {Reason}")]
    public static partial void MonitorFailed(this ILogger logger, Exception exception, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Checkpoint at epoch {Epoch} could not be written: {Reason}")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception, int epoch, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Resuming {Experiment} at epoch {Epoch} of {Epochs} in {RunFolder}")]
    public static partial void RunResumed(this ILogger logger, string experiment, int epoch, int epochs, string runFolder);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "{Checkpoints} checkpoints written in {CheckpointMilliseconds} ms")]
    public static partial void CheckpointsWritten(this ILogger logger, int checkpoints, double checkpointMilliseconds);
}
