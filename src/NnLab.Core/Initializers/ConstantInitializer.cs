namespace NnLab.Initializers;

[Register("constant", Description = "every element = value")]
public sealed class ConstantInitializer(ConstantOptions options) : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context) => values.AsSpan().Fill(options.Value);
}
