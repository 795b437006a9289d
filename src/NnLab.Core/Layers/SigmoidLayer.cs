using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = 1 / (1 + e^−Z); local gradient A·(1 − A).</summary>
[Register("sigmoid", Description = "logistic activation: A = 1/(1+exp(-Z))")]
public sealed class SigmoidLayer<T> : ActivationLayer<T> where T : IFloatingPointIeee754<T>
{
    public override void Forward(Matrix<T> input, Matrix<T> output)
    {
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = T.One / (T.One + T.Exp(-z[i]));
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        // (upstream · A) · (1 − A), in the tutorial's order, so rounding matches it.
        Elementwise.SigmoidGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }
}
