namespace NnLab.Initializers;

/// <summary>randn · 0.01: the tutorial's "plain" small Gaussian weights.</summary>
[Register("plain", Description = "randn(n_out, n_in) * 0.01")]
public sealed class PlainInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        var w = values.Data;
        for (int i = 0; i < w.Length; i++) w[i] = context.Random.NextGaussian() * 0.01;
    }
}
