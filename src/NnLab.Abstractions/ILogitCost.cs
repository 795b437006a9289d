using System.Numerics;

namespace NnLab;

/// <summary>
/// A cost fused with its output activation: it takes raw scores (logits) from the last layer, for numerical
/// stability, and says how those scores become the probabilities written as predictions.
/// </summary>
public interface ILogitCost<T> : ICost<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Writes the probabilities for <paramref name="logits"/> into <paramref name="probabilities"/> (same shape).</summary>
    void ToProbabilities(Matrix<T> logits, Matrix<T> probabilities);
}
