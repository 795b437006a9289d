namespace NnLab.Initializers;

[Register("zeros", Description = "all zeros (the default for biases)")]
public sealed class ZerosInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) => values.AsSpan().Clear();
}
