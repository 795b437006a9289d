using System.Numerics;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// A model of <see cref="Experiment"/> as it stands (just trained, or holding a run's saved weights) turning new inputs
/// into outputs: what a report needs to draw a decision boundary, without the training that made it (NnLab.Runner's
/// sessions implement it).
/// </summary>
public interface IPredictsOutputs
{
    Experiment Experiment { get; }

    /// <summary>
    /// The network's outputs for <paramref name="inputs"/> (one example per column) as it stands, probabilities for a
    /// fused-logit cost, as float64.
    /// </summary>
    Matrix<double> Predict(Matrix<double> inputs);
}

/// <summary>An experiment's network and cost computing in <typeparamref name="T"/>, predicting outputs as they stand.</summary>
public sealed class ModelPredictor<T>(Experiment experiment, Network<T> network, ICost<T> cost) : IPredictsOutputs
    where T : IFloatingPointIeee754<T>
{
    public Experiment Experiment { get; } = experiment;

    public Matrix<double> Predict(Matrix<double> inputs) => Probabilities(network.Forward(As(inputs)));

    /// <summary>The network's <paramref name="outputs"/> as float64: probabilities for a fused-logit cost.</summary>
    public Matrix<double> Probabilities(Matrix<T> outputs)
    {
        var probabilities = outputs.Clone();
        if (cost is ILogitCost<T> logits) logits.ToProbabilities(outputs, probabilities);
        return probabilities as Matrix<double> ?? probabilities.ConvertTo<double>();
    }

    /// <summary><paramref name="data"/> in <typeparamref name="T"/> (itself when already so).</summary>
    public static Matrix<T> As(Matrix<double> data) => data as Matrix<T> ?? data.ConvertTo<T>();
}
