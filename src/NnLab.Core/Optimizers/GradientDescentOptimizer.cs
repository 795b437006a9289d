namespace NnLab.Optimizers;

/// <summary>W ← W − α·dW for every parameter, as the tutorial's update_params.</summary>
[Register("gradient_descent", Aliases = ["sgd"], Description = "W = W - learning_rate * dW")]
public sealed class GradientDescentOptimizer(GradientDescentOptions options) : IOptimizer
{
    private IReadOnlyList<Parameter> _parameters = [];

    public void Initialize(IReadOnlyList<Parameter> parameters) => _parameters = parameters;

    public void Step(int step)
    {
        double rate = options.RateAt(step);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var w = _parameters[p].Value.Data;
            var g = _parameters[p].Gradient.Data;
            for (int i = 0; i < w.Length; i++) w[i] -= rate * g[i];
        }
    }
}
