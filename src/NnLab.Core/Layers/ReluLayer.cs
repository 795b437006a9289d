namespace NnLab.Layers;

/// <summary>A = max(0, Z); local gradient 1 where Z &gt; 0, else 0.</summary>
[Register("relu", Description = "rectified linear: A = max(0, Z)")]
public sealed class ReluLayer : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        var z = input.Data;
        var up = outputGradient.Data;
        var dz = inputGradient.Data;
        for (int i = 0; i < dz.Length; i++) dz[i] = z[i] > 0 ? up[i] : 0.0;
    }
}
