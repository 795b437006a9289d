using NnLab.Experiments;
using NnLab.Runner.IO;
using NnLab.Runner.Recording;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Runner;

/// <summary>
/// What came out of training: the session and result when it ran to an end (completed, cancelled or diverged),
/// or the exception when building or training threw. The recorded costs and epoch count are there either way.
/// </summary>
internal sealed record TrainingRun(
    ExperimentSession? Session,
    TrainingResult? Result,
    Exception? Error,
    IReadOnlyList<CostRecord> Costs,
    int EpochsCompleted)
{
    public RunStatus Status => Result?.Status switch
    {
        null => RunStatus.Failed,
        TrainingStatus.Completed => RunStatus.Completed,
        TrainingStatus.Cancelled => RunStatus.Cancelled,
        TrainingStatus.Diverged => RunStatus.Diverged,
        var other => throw new InvalidOperationException($"unknown training status {other}"),
    };

    public string? Reason => Error is { } e && WholeLineFile.IsDiskFull(e) ? DiskFull(e) : Error?.Message ?? Result?.Reason;

    public const string DiskFullPrefix = "disk full";

    /// <summary>The reason of a run that stopped because the disk filled up: "disk full: " and what failed.</summary>
    public static string DiskFull(Exception e) => $"{DiskFullPrefix}: {e.Message}";

    /// <summary>The cost of the last epoch run, or null when no epoch ran.</summary>
    public double? LastEpochCost => Result is not null && Costs.Count > 0 ? Result.LastEpochCost : null;
}
