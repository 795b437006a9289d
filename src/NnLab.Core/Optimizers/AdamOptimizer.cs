namespace NnLab.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; W ← W − α·m̂/(√v̂ + ε) with bias-corrected
/// m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
/// </summary>
[Register("adam", Description = "Adam with bias correction")]
public sealed class AdamOptimizer(AdamOptions options) : IOptimizer
{
    private IReadOnlyList<Parameter> _parameters = [];
    private double[][] _first = [];
    private double[][] _second = [];

    public void Initialize(IReadOnlyList<Parameter> parameters)
    {
        _parameters = parameters;
        _first = parameters.Select(p => new double[p.Value.Length]).ToArray();
        _second = parameters.Select(p => new double[p.Value.Length]).ToArray();
    }

    public void Step(int step)
    {
        double b1 = options.Beta1, b2 = options.Beta2, eps = options.Epsilon;
        int t = step + 1;
        double rate = options.RateAt(step);
        double correction1 = 1 - Math.Pow(b1, t), correction2 = 1 - Math.Pow(b2, t);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var w = _parameters[p].Value.Data;
            var g = _parameters[p].Gradient.Data;
            var m = _first[p];
            var v = _second[p];
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= rate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + eps);
            }
        }
    }
}
