using System.Numerics;

namespace NnLab.Costs;

/// <summary>The tutorial's cost, 1/(2m)·Σ(y − ŷ)², with gradient −(y − ŷ)/m. Alias <c>mse</c> (the ½ is included).</summary>
[Register("half_squared_error", Aliases = ["mse"], Description = "1/(2m) * sum((y - y_hat)^2)")]
public sealed class HalfSquaredErrorCost<T> : ICost<T>, IDescribesGradient where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "Cost = 1/(2m)·Σ(Y − {in})²";

    string IDescribesGradient.LocalGradientFormula => "∂Cost/∂{in} = −(Y − {in})/m";

    private readonly SquaredErrorBuffer<T> _buffer = new();

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        int m = targets.Cols;
        T cost = T.One / T.CreateTruncating(2 * m) * _buffer.SumOfSquaredErrors(predictions, targets);
        if (gradient is not null)
        {
            T scale = -T.One / T.CreateTruncating(m);
            var p = predictions.Data; var t = targets.Data; var g = gradient.Data;
            for (int i = 0; i < g.Length; i++) g[i] = scale * (t[i] - p[i]);
        }
        return double.CreateTruncating(cost);
    }
}
