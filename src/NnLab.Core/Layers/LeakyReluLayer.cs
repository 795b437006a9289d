using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = Z for Z &gt; 0, α·Z otherwise; local gradient 1 or α.</summary>
[Register("leaky_relu", Description = "A = Z if Z > 0 else alpha * Z")]
public sealed class LeakyReluLayer(LeakyReluOptions options) : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        Elementwise.LeakyRelu(input.Data, options.Alpha, output.Data);
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        Elementwise.ReluGradient(input.Data, outputGradient.Data, options.Alpha, inputGradient.Data);
    }
}
