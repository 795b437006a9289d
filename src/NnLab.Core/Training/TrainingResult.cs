namespace NnLab.Training;

/// <summary>What a training run ended with.</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    int EpochsCompleted,
    double LastEpochCost,
    double FinalCost,
    Matrix Predictions,
    string? Reason);
