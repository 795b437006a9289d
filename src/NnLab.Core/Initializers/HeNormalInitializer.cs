namespace NnLab.Initializers;

/// <summary>Keras he_normal: truncated normal with σ = √(2 / fan_in).</summary>
[Register("he_normal", Description = "truncated normal, stddev sqrt(2 / n_in) (Keras)")]
public sealed class HeNormalInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) =>
        VarianceScaling.TruncatedNormal(values, context, 2.0, VarianceScaling.Fan(context, average: false));
}
