namespace NnLab.Initializers;

/// <summary>randn · √(2/n_in), the tutorial's He initialisation.</summary>
[Register("he", Description = "randn(n_out, n_in) * sqrt(2 / n_in)")]
public sealed class HeInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        double scale = Math.Sqrt(2.0 / context.FanIn);
        var w = values.Data;
        for (int i = 0; i < w.Length; i++) w[i] = context.Random.NextGaussian() * scale;
    }
}
