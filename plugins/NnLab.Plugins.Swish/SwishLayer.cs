namespace NnLab.Plugins.Swish;

/// <summary>Swish (Ramachandran et al.): A = Z·σ(βZ); dA/dZ = σ(βZ) + βZ·σ(βZ)·(1 − σ(βZ)).</summary>
[Register("swish", Description = "A = Z * sigmoid(beta * Z)")]
public sealed class SwishLayer(SwishOptions options) : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];

    public int Build(LayerBuildContext context) => context.InputSize;

    public void Forward(Matrix input, Matrix output)
    {
        for (int i = 0; i < input.Length; i++)
            output.Data[i] = input.Data[i] * Sigmoid(options.Beta * input.Data[i]);
    }

    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient)
    {
        if (inputGradient is null) return;
        double beta = options.Beta;
        for (int i = 0; i < input.Length; i++)
        {
            double z = input.Data[i];
            double s = Sigmoid(beta * z);
            inputGradient.Data[i] = outputGradient.Data[i] * (s + beta * z * s * (1 - s));
        }
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
