using System.Numerics;

namespace NnLab.Costs;

/// <summary>
/// −1/m·Σ[y·log p + (1 − y)·log(1 − p)] on probabilities p, clipped to [1e-7, 1 − 1e-7] as Keras does, so a
/// saturated sigmoid gives a large finite cost instead of infinity. Where the clip is active the gradient is 0.
/// </summary>
[Register("binary_cross_entropy", Description = "-1/m * sum(y*log(p) + (1-y)*log(1-p)), p clipped to [1e-7, 1-1e-7]")]
public sealed class BinaryCrossEntropyCost<T> : ICost<T>, IDescribesGradient where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "Cost = −1/m·Σ[Y log {in} + (1 − Y) log(1 − {in})], {in} clipped to [1e-7, 1 − 1e-7]";

    string IDescribesGradient.LocalGradientFormula => "∂Cost/∂{in} = (({in} − Y)/({in}(1 − {in})))/m, 0 where clipped";

    public const double Epsilon = 1e-7;
    internal static readonly T Low = T.CreateTruncating(Epsilon);
    internal static readonly T High = T.One - T.CreateTruncating(Epsilon);

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        T m = T.CreateTruncating(targets.Cols);
        var p = predictions.Data; var y = targets.Data;
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T clipped = T.Clamp(p[i], Low, High);
            sum += y[i] * T.Log(clipped) + (T.One - y[i]) * T.Log(T.One - clipped);
            if (gradient is null) continue;
            bool inside = p[i] > Low && p[i] < High;
            gradient.Data[i] = inside ? (-y[i] / clipped + (T.One - y[i]) / (T.One - clipped)) / m : T.Zero;
        }
        return double.CreateTruncating(-sum / m);
    }
}
