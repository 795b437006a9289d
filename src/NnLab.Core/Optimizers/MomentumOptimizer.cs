using System.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// v ← μ·v − α·dW; W ← W + v (classical), or W ← W + μ·v − α·dW (Nesterov, in the form Keras and PyTorch use).
/// </summary>
[Register("momentum", Description = "v = mu*v - lr*dW; W += v (nesterov: W += mu*v - lr*dW)")]
public sealed class MomentumOptimizer<T>(MomentumOptions options) : IOptimizer<T> where T : IFloatingPointIeee754<T>
{
    private IReadOnlyList<Parameter<T>> _parameters = [];
    private T[][] _velocities = [];

    public void Initialize(IReadOnlyList<Parameter<T>> parameters)
    {
        _parameters = parameters;
        _velocities = parameters.Select(p => new T[p.Value.Length]).ToArray();
    }

    public void Step(int step)
    {
        T rate = T.CreateTruncating(options.RateAt(step)), mu = T.CreateTruncating(options.Momentum);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var w = _parameters[p].Value.Data;
            var g = _parameters[p].Gradient.Data;
            var v = _velocities[p];
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] - rate * g[i];
                w[i] += options.Nesterov ? mu * v[i] - rate * g[i] : v[i];
            }
        }
    }
}
