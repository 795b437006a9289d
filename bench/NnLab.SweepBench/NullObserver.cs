using NnLab.Training;

namespace NnLab.SweepBench;

/// <summary>Discards the recorded costs: the bench times training alone.</summary>
internal sealed class NullObserver : ITrainingObserver
{
    public static NullObserver Instance { get; } = new();

    public void OnCostRecorded(int epoch, double cost) { }
}
