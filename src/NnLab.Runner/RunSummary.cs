using NnLab.Metrics;

namespace NnLab.Runner;

/// <summary>summary.json: what ran, how it ended and the headline numbers.</summary>
public sealed record RunSummary(
    RunStatus Status,
    string? Reason,
    string Name,
    uint Seed,
    int EpochsRequested,
    int EpochsCompleted,
    double? FinalCost,
    double? LastEpochCost,
    double? Accuracy,
    double WallTimeSeconds,
    string NnlabVersion,
    string Kernels,
    string Precision,
    int BatchSize,
    IReadOnlyList<string> Overrides,
    string RunFolder,
    DateTime StartedUtc)
{
    /// <summary>Under early stopping: the recorded epoch whose weights were kept.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Whether early stopping ended training before its last epoch.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>SHA-256 of the data as <c>nnlab data --out</c> writes data.csv.</summary>
    public string DataSha256 { get; init; } = "";

    /// <summary>Class names by index, when the targets were string labels.</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>The kept weights scored on each split (validation and test only when the data has them).</summary>
    public SplitMetrics? Train { get; init; }
    public SplitMetrics? Validation { get; init; }
    public SplitMetrics? Test { get; init; }
}
