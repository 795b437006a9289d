using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = 1 / (1 + e^−Z); local gradient A·(1 − A).</summary>
[Register("sigmoid", Description = "logistic activation: A = 1/(1+exp(-Z))")]
public sealed class SigmoidLayer : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = 1.0 / (1.0 + Math.Exp(-z[i]));
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        // (upstream · A) · (1 − A), in the tutorial's order, so rounding matches it.
        Elementwise.SigmoidGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }
}
