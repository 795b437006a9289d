namespace NnLab.Costs;

/// <summary>Σ(y − ŷ)², the two-layer tutorial's loss, with gradient −2(y − ŷ).</summary>
[Register("sum_of_squares", Description = "sum((y - y_hat)^2)")]
public sealed class SumOfSquaresCost : ICost
{
    private readonly SquaredErrorBuffer _buffer = new();

    public double Evaluate(Matrix predictions, Matrix targets, Matrix? gradient)
    {
        double cost = _buffer.SumOfSquaredErrors(predictions, targets);
        if (gradient is not null)
        {
            var p = predictions.Data; var t = targets.Data; var g = gradient.Data;
            for (int i = 0; i < g.Length; i++) g[i] = -(2 * (t[i] - p[i]));
        }
        return cost;
    }
}
