namespace NnLab.Training;

/// <summary>Receives the costs the trainer records: every log_every epochs and the last epoch.</summary>
public interface ITrainingObserver
{
    /// <summary>The cost of epoch <paramref name="epoch"/> (0-based), computed before that epoch's update.</summary>
    void OnCostRecorded(int epoch, double cost);
}
