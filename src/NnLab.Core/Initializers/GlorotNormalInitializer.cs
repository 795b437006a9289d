namespace NnLab.Initializers;

/// <summary>Keras glorot_normal: truncated normal with σ = √(2 / (fan_in + fan_out)).</summary>
[Register("glorot_normal", Description = "truncated normal, stddev sqrt(2 / (n_in + n_out)) (Keras)")]
public sealed class GlorotNormalInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) =>
        VarianceScaling.TruncatedNormal(values, context, 1.0, VarianceScaling.Fan(context, average: true));
}
