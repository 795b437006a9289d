namespace NnLab.Training;

/// <summary>How long to train and how often to record the cost.</summary>
public sealed record TrainingSettings(int Epochs, int LogEvery)
{
    /// <summary>The divergence bound experiments get unless they say otherwise.</summary>
    public const double DefaultDivergenceFactor = 1e4;

    /// <summary>
    /// Training stops as diverged once a cost exceeds this many times the first epoch's cost (0 turns the bound
    /// off; a non-finite cost always stops it). See <see cref="DivergenceCheck"/>.
    /// </summary>
    public double DivergenceFactor { get; init; } = DefaultDivergenceFactor;
}
