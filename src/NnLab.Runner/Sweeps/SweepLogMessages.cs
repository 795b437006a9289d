using Microsoft.Extensions.Logging;

namespace NnLab.Runner.Sweeps;

/// <summary>The sweep's structured events (sweep.log.jsonl and the console). Each trial's own events are in its log.jsonl.</summary>
internal static partial class SweepLogMessages
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Sweep {Sweep}: running {ToRun} of {Trials} trials, {Parallel} at a time, into {SweepFolder}")]
    public static partial void SweepStarted(this ILogger logger, string sweep, int toRun, int trials, int parallel, string sweepFolder);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Trial {Trial} {Label} started")]
    public static partial void TrialStarted(this ILogger logger, int trial, string label);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Trial {Trial} {Status}: {Label}, final cost {FinalCost}, {WallTimeSeconds:0.000} s; {Done}/{ToRun} done, {Failed} failed{Reason}")]
    public static partial void TrialFinished(this ILogger logger, int trial, string label, string status, double? finalCost,
        double? wallTimeSeconds, string? reason, int done, int toRun, int failed);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Trial {Label} failed: {Reason}")]
    public static partial void TrialFailed(this ILogger logger, Exception exception, string label, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "Trial {Label} failed and on_error is stop: no further trial starts")]
    public static partial void SweepStopping(this ILogger logger, string label);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "Sweep {Status} in {WallTimeSeconds:0.00} s: {Completed} completed, {Diverged} diverged, {Failed} failed, {NotRun} not run; best by {RankedBy}: {BestLabel} ({BestValue})")]
    public static partial void SweepFinished(this ILogger logger, string status, double wallTimeSeconds, int completed,
        int diverged, int failed, int notRun, string rankedBy, string? bestLabel, double? bestValue);
}
