using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = tanh(Z); local gradient 1 − A².</summary>
[Register("tanh", Description = "hyperbolic tangent: A = tanh(Z)")]
public sealed class TanhLayer : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = Math.Tanh(z[i]);
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        Elementwise.TanhGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }
}
