namespace NnLab.Initializers;

/// <summary>
/// Keras's VarianceScaling family, drawn from the experiment's numpy stream in W's row-major (n_out × n_in) order.
/// Normal draws are truncated at two standard deviations (redrawn), with Keras's 0.8796… correction so the
/// truncated distribution keeps the intended variance.
/// </summary>
internal static class VarianceScaling
{
    private const double TruncatedNormalStdDevCorrection = 0.87962566103423978;

    /// <summary>Fan-in for He, the fan-in/fan-out average for Glorot.</summary>
    public static double Fan(InitializerContext context, bool average) =>
        average ? (context.FanIn + context.FanOut) / 2.0 : context.FanIn;

    public static void Uniform(Matrix<double> values, InitializerContext context, double scale, double fan)
    {
        double limit = Math.Sqrt(3.0 * scale / fan);
        var w = values.Data;
        for (int i = 0; i < w.Length; i++) w[i] = -limit + 2 * limit * context.Random.NextUniform();
    }

    public static void TruncatedNormal(Matrix<double> values, InitializerContext context, double scale, double fan)
    {
        double stddev = Math.Sqrt(scale / fan) / TruncatedNormalStdDevCorrection;
        var w = values.Data;
        for (int i = 0; i < w.Length; i++)
        {
            double z;
            do z = context.Random.NextGaussian(); while (Math.Abs(z) > 2.0);
            w[i] = z * stddev;
        }
    }
}
