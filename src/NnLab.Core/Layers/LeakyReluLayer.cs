namespace NnLab.Layers;

/// <summary>A = Z for Z &gt; 0, α·Z otherwise; local gradient 1 or α.</summary>
[Register("leaky_relu", Description = "A = Z if Z > 0 else alpha * Z")]
public sealed class LeakyReluLayer(LeakyReluOptions options) : ActivationLayer
{
    public override void Forward(Matrix input, Matrix output)
    {
        double alpha = options.Alpha;
        var z = input.Data;
        var a = output.Data;
        for (int i = 0; i < a.Length; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
    }

    protected override void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient)
    {
        double alpha = options.Alpha;
        var z = input.Data;
        var up = outputGradient.Data;
        var dz = inputGradient.Data;
        for (int i = 0; i < dz.Length; i++) dz[i] = z[i] > 0 ? up[i] : alpha * up[i];
    }
}
