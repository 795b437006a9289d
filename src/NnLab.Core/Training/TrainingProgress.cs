namespace NnLab.Training;

/// <summary>Training state another thread may read while the trainer runs (a progress bar, a sweep display).</summary>
public sealed class TrainingProgress
{
    private int _completedEpochs;
    private long _lastCostBits;

    public TrainingProgress(int totalEpochs) => TotalEpochs = totalEpochs;

    public int TotalEpochs { get; }
    public int CompletedEpochs => Volatile.Read(ref _completedEpochs);
    public double LastCost => BitConverter.Int64BitsToDouble(Volatile.Read(ref _lastCostBits));

    internal void Report(int completedEpochs, double cost)
    {
        Volatile.Write(ref _lastCostBits, BitConverter.DoubleToInt64Bits(cost));
        Volatile.Write(ref _completedEpochs, completedEpochs);
    }
}
