namespace NnLab.Training;

/// <summary>What a training run ended with. Predictions are float64 whatever the run's precision (float32 widens exactly).</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    int EpochsCompleted,
    double LastEpochCost,
    double FinalCost,
    Matrix<double> Predictions,
    string? Reason);
