namespace NnLab.Initializers;

/// <summary>randn / √n_in, as the tutorial defines Xavier (N(0, 1/n_in); not Keras's fan-average Glorot).</summary>
[Register("xavier", Description = "randn(n_out, n_in) / sqrt(n_in)")]
public sealed class XavierInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        double scale = Math.Sqrt(context.FanIn);
        var w = values.Data;
        for (int i = 0; i < w.Length; i++) w[i] = context.Random.NextGaussian() / scale;
    }
}
