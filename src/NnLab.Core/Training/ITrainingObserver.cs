namespace NnLab.Training;

/// <summary>Receives the costs the trainer records: every log_every epochs and the last epoch (and the validation scores).</summary>
public interface ITrainingObserver
{
    /// <summary>The cost of epoch <paramref name="epoch"/> (0-based), computed before that epoch's update.</summary>
    void OnCostRecorded(int epoch, double cost);

    /// <summary>
    /// The validation split's score at recorded epoch <paramref name="epoch"/>: on a full batch, on the weights as that
    /// epoch starts (those its recorded cost is computed with); with mini-batches, on the weights the epoch ends with.
    /// Called just before <see cref="OnCostRecorded"/>
    /// for the same epoch, so an observer can write the epoch's row whole.
    /// </summary>
    void OnValidationRecorded(int epoch, ValidationScore score) { }
}
