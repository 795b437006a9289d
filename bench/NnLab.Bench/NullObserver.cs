using NnLab.Training;

namespace NnLab.Bench;

/// <summary>Ignores recorded costs: the timed region should spend nothing on reporting.</summary>
internal sealed class NullObserver : ITrainingObserver
{
    public static NullObserver Instance { get; } = new();

    public void OnCostRecorded(int epoch, double cost) { }
}
