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
    DateTime StartedUtc);
