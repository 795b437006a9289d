using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NnLab;

namespace NnLabPlugin;

/// <summary>Options bound from YAML: <c>- scaled_tanh: {scale: 1.7159}</c> (snake_case keys).</summary>
public sealed class ScaledTanhOptions
{
    [Range(0.0, 100.0), Description("output scale s in A = s·tanh(Z)")]
    public double Scale { get; set; } = 1.0;
}

/// <summary>A = s·tanh(Z): forward computes the output, backward multiplies the upstream gradient by s·(1 − tanh²Z).</summary>
[Register("scaled_tanh", Description = "A = scale * tanh(Z)")]
public sealed class ScaledTanhLayer(ScaledTanhOptions options) : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];

    public int Build(LayerBuildContext context) => context.InputSize;

    public void Forward(Matrix input, Matrix output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = options.Scale * Math.Tanh(input.Data[i]);
    }

    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
        {
            double t = Math.Tanh(input.Data[i]);
            inputGradient.Data[i] = outputGradient.Data[i] * options.Scale * (1 - t * t);
        }
    }
}
