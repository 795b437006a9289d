using System.Numerics;
using NnLab.Metrics;

namespace NnLab.Training;

/// <summary>What one scoring of the validation split gave: its cost, and accuracy (classification) or MAE (regression).</summary>
public readonly record struct ValidationScore(double Cost, double? Accuracy, double? MeanAbsoluteError);

/// <summary>
/// The validation split in the training precision, scored at recorded epochs without allocating: the class of each
/// example is worked out once, and the probabilities of a fused-logit cost go into a buffer made up front.
/// </summary>
public sealed class ValidationSet<T> where T : IFloatingPointIeee754<T>
{
    private readonly int[]? _truth;
    private readonly double _threshold;
    private Matrix<T>? _probabilities;

    public ValidationSet(Matrix<T> inputs, Matrix<T> targets, Matrix<double> targetsAsDouble, int outputSize, double threshold)
    {
        Inputs = inputs;
        Targets = targets;
        _truth = Classification.TargetClasses(targetsAsDouble, outputSize);
        _threshold = threshold;
    }

    public Matrix<T> Inputs { get; }
    public Matrix<T> Targets { get; }

    /// <summary>Scores <paramref name="outputs"/> (the network's output for <see cref="Inputs"/>) with <paramref name="cost"/>.</summary>
    public ValidationScore Score(Matrix<T> outputs, ICost<T> cost)
    {
        double value = cost.Evaluate(outputs, Targets, null);
        var probabilities = outputs;
        if (cost is ILogitCost<T> logits)
        {
            probabilities = _probabilities ??= new Matrix<T>(outputs.Rows, outputs.Cols);
            logits.ToProbabilities(outputs, probabilities);
        }
        return _truth is null
            ? new ValidationScore(value, null, MeanAbsoluteError(probabilities))
            : new ValidationScore(value, Accuracy(probabilities), null);
    }

    private double Accuracy(Matrix<T> probabilities)
    {
        int correct = 0;
        T threshold = T.CreateTruncating(_threshold);
        for (int j = 0; j < _truth!.Length; j++)
        {
            int predicted = 0;
            if (probabilities.Rows == 1) predicted = probabilities[0, j] >= threshold ? 1 : 0;
            else
                for (int i = 1; i < probabilities.Rows; i++)
                    if (probabilities[i, j] > probabilities[predicted, j]) predicted = i;
            if (predicted == _truth[j]) correct++;
        }
        return (double)correct / _truth.Length;
    }

    private double MeanAbsoluteError(Matrix<T> predictions)
    {
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++) sum += Math.Abs(double.CreateTruncating(predictions.Data[i] - Targets.Data[i]));
        return sum / predictions.Length;
    }
}
