namespace NnLab.Training;

/// <summary>What a training run ended with. Predictions are float64 whatever the run's precision (float32 widens exactly).</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    int EpochsCompleted,
    double LastEpochCost,
    double FinalCost,
    Matrix<double> Predictions,
    string? Reason)
{
    /// <summary>Under early stopping: the recorded epoch whose weights were kept; null without early stopping.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Whether early stopping ended training before its last epoch.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>
    /// Under early stopping: the network's parameters after the last epoch trained, before the best were restored, in
    /// the network's parameter order, as float64; null without early stopping (the weights as they stand are the last).
    /// </summary>
    public IReadOnlyList<Matrix<double>>? LastEpochWeights { get; init; }
}
