namespace NnLab.Training;

/// <summary>How long to train and how often to record the cost.</summary>
public sealed record TrainingSettings(int Epochs, int LogEvery);
