namespace NnLab.Optimizers;

public sealed class GradientDescentOptions() : LearningRateOptions(defaultLearningRate: 0.1);
