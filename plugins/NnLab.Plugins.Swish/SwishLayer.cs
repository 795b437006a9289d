using System.Numerics;

namespace NnLab.Plugins.Swish;

/// <summary>
/// Swish (Ramachandran et al.): A = Z·σ(βZ); dA/dZ = σ(βZ) + βZ·σ(βZ)·(1 − σ(βZ)).
/// Generic over the element type, so it runs with <c>precision: float64</c> and <c>float32</c>.
/// </summary>
[Register("swish", Description = "A = Z * sigmoid(beta * Z)")]
public sealed class SwishLayer<T>(SwishOptions options) : ILayer<T>, IDescribesGradient where T : IFloatingPointIeee754<T>
{
    private readonly T _beta = T.CreateTruncating(options.Beta);

    // Optional: the formulas `nnlab trace` prints beside this layer's numbers ({in}, {out}: the node's names).
    public string ForwardFormula => $"{{out}} = {{in}} ⊙ σ(β{{in}}), β = {options.Beta}";

    public string LocalGradientFormula => "∂{out}/∂{in} = σ(β{in}) + β{in}·σ(β{in})·(1 − σ(β{in}))";

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public int Build(LayerBuildContext<T> context) => context.InputSize;

    public void Forward(Matrix<T> input, Matrix<T> output)
    {
        for (int i = 0; i < input.Length; i++)
            output.Data[i] = input.Data[i] * Sigmoid(_beta * input.Data[i]);
    }

    public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
        {
            T z = input.Data[i];
            T s = Sigmoid(_beta * z);
            inputGradient.Data[i] = outputGradient.Data[i] * (s + _beta * z * s * (T.One - s));
        }
    }

    private static T Sigmoid(T z) => T.One / (T.One + T.Exp(-z));
}
