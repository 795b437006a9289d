using System.Numerics;

namespace NnLab.Costs;

/// <summary>Σ(y − ŷ)², the two-layer tutorial's loss, with gradient −2(y − ŷ).</summary>
[Register("sum_of_squares", Description = "sum((y - y_hat)^2)")]
public sealed class SumOfSquaresCost<T> : ICost<T>, IDescribesGradient where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "Cost = Σ(Y − {in})²";

    string IDescribesGradient.LocalGradientFormula => "∂Cost/∂{in} = −2(Y − {in})";

    private static readonly T Two = T.CreateTruncating(2);
    private readonly SquaredErrorBuffer<T> _buffer = new();

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        T cost = _buffer.SumOfSquaredErrors(predictions, targets);
        if (gradient is not null)
        {
            var p = predictions.Data; var t = targets.Data; var g = gradient.Data;
            for (int i = 0; i < g.Length; i++) g[i] = -(Two * (t[i] - p[i]));
        }
        return double.CreateTruncating(cost);
    }
}
