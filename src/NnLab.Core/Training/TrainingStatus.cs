namespace NnLab.Training;

public enum TrainingStatus
{
    Completed,
    Cancelled,
    Diverged,
}
