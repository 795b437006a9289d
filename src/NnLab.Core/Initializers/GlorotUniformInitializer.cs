namespace NnLab.Initializers;

/// <summary>Keras glorot_uniform: U(−l, l), l = √(6 / (fan_in + fan_out)).</summary>
[Register("glorot_uniform", Description = "U(-l, l), l = sqrt(6 / (n_in + n_out)) (Keras)")]
public sealed class GlorotUniformInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) =>
        VarianceScaling.Uniform(values, context, 1.0, VarianceScaling.Fan(context, average: true));
}
