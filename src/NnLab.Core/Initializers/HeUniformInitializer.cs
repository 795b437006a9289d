namespace NnLab.Initializers;

/// <summary>Keras he_uniform: U(−l, l), l = √(6 / fan_in).</summary>
[Register("he_uniform", Description = "U(-l, l), l = sqrt(6 / n_in) (Keras)")]
public sealed class HeUniformInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) =>
        VarianceScaling.Uniform(values, context, 2.0, VarianceScaling.Fan(context, average: false));
}
