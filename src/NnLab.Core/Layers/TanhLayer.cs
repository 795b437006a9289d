using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = tanh(Z); local gradient 1 − A².</summary>
[Register("tanh", Description = "hyperbolic tangent: A = tanh(Z)")]
public sealed class TanhLayer<T> : ActivationLayer<T> where T : IFloatingPointIeee754<T>
{
    public override void Forward(Matrix<T> input, Matrix<T> output)
    {
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = T.Tanh(z[i]);
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        Elementwise.TanhGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }
}
