using NnLab.Training;

namespace NnLab.Runner;

/// <summary>Shows training as it happens (a progress bar, say). The runner calls it on its own thread while training runs.</summary>
public interface ITrainingMonitor
{
    /// <summary>Watches <paramref name="progress"/> until <paramref name="training"/> finishes.</summary>
    Task WatchAsync(TrainingProgress progress, Task training);
}
