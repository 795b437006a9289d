namespace NnLab;

/// <summary>
/// A cost fused with its output activation: it takes raw scores (logits) from the last layer, for numerical
/// stability, and says how those scores become the probabilities written as predictions.
/// </summary>
public interface ILogitCost : ICost
{
    /// <summary>Writes the probabilities for <paramref name="logits"/> into <paramref name="probabilities"/> (same shape).</summary>
    void ToProbabilities(Matrix logits, Matrix probabilities);
}
