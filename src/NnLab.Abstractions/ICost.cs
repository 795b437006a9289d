using System.Numerics;

namespace NnLab;

/// <summary>A cost over a batch: a scalar, and its gradient with respect to the network's output.</summary>
/// <remarks>The cost is computed in <typeparamref name="T"/> and reported as a double.</remarks>
public interface ICost<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// Returns the cost of <paramref name="predictions"/> against <paramref name="targets"/> (both outputs × m) and,
    /// when <paramref name="gradient"/> is not null, writes dCost/dPredictions into it.
    /// </summary>
    double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient);

    /// <summary>
    /// Null when <paramref name="targets"/> suit a network with <paramref name="outputSize"/> outputs; otherwise
    /// the message the user sees. The default asks for one target row per output.
    /// </summary>
    string? ValidateTargets(int outputSize, Matrix<double> targets) =>
        targets.Rows == outputSize
            ? null
            : $"model outputs {outputSize} value{(outputSize == 1 ? "" : "s")} per example but data has {targets.Rows} target column{(targets.Rows == 1 ? "" : "s")}";
}
