namespace NnLab.Costs;

/// <summary>The tutorial's cost, 1/(2m)·Σ(y − ŷ)², with gradient −(y − ŷ)/m. Alias <c>mse</c> (the ½ is included).</summary>
[Register("half_squared_error", Aliases = ["mse"], Description = "1/(2m) * sum((y - y_hat)^2)")]
public sealed class HalfSquaredErrorCost : ICost
{
    private readonly SquaredErrorBuffer _buffer = new();

    public double Evaluate(Matrix predictions, Matrix targets, Matrix? gradient)
    {
        int m = targets.Cols;
        double cost = 1.0 / (2 * m) * _buffer.SumOfSquaredErrors(predictions, targets);
        if (gradient is not null)
        {
            double scale = -1.0 / m;
            var p = predictions.Data; var t = targets.Data; var g = gradient.Data;
            for (int i = 0; i < g.Length; i++) g[i] = scale * (t[i] - p[i]);
        }
        return cost;
    }
}
