using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Numerics;
using NnLab;

namespace NnLabPlugin;

/// <summary>Options bound from YAML: <c>- scaled_tanh: {scale: 1.7159}</c> (snake_case keys).</summary>
public sealed class ScaledTanhOptions
{
    [Range(0.0, 100.0), Description("output scale s in A = s·tanh(Z)")]
    public double Scale { get; set; } = 1.0;
}

/// <summary>
/// A = s·tanh(Z): forward computes the output, backward multiplies the upstream gradient by s·(1 − tanh²Z).
/// Generic over T (double for <c>precision: float64</c>, float for <c>float32</c>); a layer that only ever needs
/// float64 may implement <c>ILayer&lt;double&gt;</c> instead.
/// </summary>
[Register("scaled_tanh", Description = "A = scale * tanh(Z)")]
public sealed class ScaledTanhLayer<T>(ScaledTanhOptions options) : ILayer<T> where T : IFloatingPointIeee754<T>
{
    private readonly T _scale = T.CreateTruncating(options.Scale);

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public int Build(LayerBuildContext<T> context) => context.InputSize;

    public void Forward(Matrix<T> input, Matrix<T> output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = _scale * T.Tanh(input.Data[i]);
    }

    public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
        {
            T t = T.Tanh(input.Data[i]);
            inputGradient.Data[i] = outputGradient.Data[i] * _scale * (T.One - t * t);
        }
    }
}
