namespace NnLab;

/// <summary>A cost over a batch: a scalar, and its gradient with respect to the network's output.</summary>
public interface ICost
{
    /// <summary>
    /// Returns the cost of <paramref name="predictions"/> against <paramref name="targets"/> (both outputs × m) and,
    /// when <paramref name="gradient"/> is not null, writes dCost/dPredictions into it.
    /// </summary>
    double Evaluate(Matrix predictions, Matrix targets, Matrix? gradient);
}
