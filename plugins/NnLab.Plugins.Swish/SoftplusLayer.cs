namespace NnLab.Plugins.Swish;

/// <summary>Softplus: A = log(1 + e^Z), computed as max(Z, 0) + log(1 + e^−|Z|) to stay finite; dA/dZ = σ(Z).</summary>
[Register("softplus", Description = "A = log(1 + exp(Z))")]
public sealed class SoftplusLayer : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];

    public int Build(LayerBuildContext context) => context.InputSize;

    public void Forward(Matrix input, Matrix output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double z = input.Data[i];
            output.Data[i] = Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
    }

    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
            inputGradient.Data[i] = outputGradient.Data[i] / (1 + Math.Exp(-input.Data[i]));
    }
}
