using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Optimizers;

/// <summary>W ← W − α·dW for every parameter, as the tutorial's update_params.</summary>
[Register("gradient_descent", Aliases = ["sgd"], Description = "W = W - learning_rate * dW")]
public sealed class GradientDescentOptimizer<T>(GradientDescentOptions options) : IOptimizer<T>
    where T : IFloatingPointIeee754<T>
{
    private IReadOnlyList<Parameter<T>> _parameters = [];

    public void Initialize(IReadOnlyList<Parameter<T>> parameters) => _parameters = parameters;

    public void Step(int step)
    {
        T rate = T.CreateTruncating(options.RateAt(step));
        for (int p = 0; p < _parameters.Count; p++)
            Elementwise.SubtractScaled<T>(_parameters[p].Value.Data, rate, _parameters[p].Gradient.Data);
    }
}
