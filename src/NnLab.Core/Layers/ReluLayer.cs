using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = max(0, Z); local gradient 1 where Z &gt; 0, else 0.</summary>
[Register("relu", Description = "rectified linear: A = max(0, Z)")]
public sealed class ReluLayer : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        Elementwise.Relu(input.Data, output.Data);
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        Elementwise.ReluGradient(input.Data, outputGradient.Data, 0.0, inputGradient.Data);
    }
}
