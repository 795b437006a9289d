namespace NnLab.Plugins.Swish;

/// <summary>
/// Softplus: A = log(1 + e^Z), computed as max(Z, 0) + log(1 + e^−|Z|) to stay finite; dA/dZ = σ(Z).
/// Written for float64 only (<c>ILayer&lt;double&gt;</c>), the simplest form of a layer: an experiment with
/// <c>precision: float32</c> that uses it is refused at load time, pointing at this layer.
/// </summary>
[Register("softplus", Description = "A = log(1 + exp(Z))")]
public sealed class SoftplusLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];

    public int Build(LayerBuildContext<double> context) => context.InputSize;

    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double z = input.Data[i];
            output.Data[i] = Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
    }

    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
            inputGradient.Data[i] = outputGradient.Data[i] / (1 + Math.Exp(-input.Data[i]));
    }
}
