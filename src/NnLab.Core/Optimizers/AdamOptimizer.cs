using System.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; W ← W − α·m̂/(√v̂ + ε) with bias-corrected
/// m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
/// </summary>
[Register("adam", Description = "Adam with bias correction")]
public sealed class AdamOptimizer<T>(AdamOptions options) : IOptimizer<T> where T : IFloatingPointIeee754<T>
{
    private IReadOnlyList<Parameter<T>> _parameters = [];
    private T[][] _first = [];
    private T[][] _second = [];

    public void Initialize(IReadOnlyList<Parameter<T>> parameters)
    {
        _parameters = parameters;
        _first = parameters.Select(p => new T[p.Value.Length]).ToArray();
        _second = parameters.Select(p => new T[p.Value.Length]).ToArray();
    }

    public void Step(int step)
    {
        int t = step + 1;
        // Schedules and bias corrections are computed in float64, then rounded once to T.
        T b1 = T.CreateTruncating(options.Beta1), b2 = T.CreateTruncating(options.Beta2), eps = T.CreateTruncating(options.Epsilon);
        T keep1 = T.CreateTruncating(1 - options.Beta1), keep2 = T.CreateTruncating(1 - options.Beta2);
        T rate = T.CreateTruncating(options.RateAt(step));
        T correction1 = T.CreateTruncating(1 - Math.Pow(options.Beta1, t));
        T correction2 = T.CreateTruncating(1 - Math.Pow(options.Beta2, t));
        for (int p = 0; p < _parameters.Count; p++)
        {
            var w = _parameters[p].Value.Data;
            var g = _parameters[p].Gradient.Data;
            var m = _first[p];
            var v = _second[p];
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + keep1 * g[i];
                v[i] = b2 * v[i] + keep2 * g[i] * g[i];
                w[i] -= rate * (m[i] / correction1) / (T.Sqrt(v[i] / correction2) + eps);
            }
        }
    }
}
