using System.Numerics;

namespace NnLab;

/// <summary>
/// A node of the computational graph. The network owns the activation and gradient buffers and passes
/// them in, so a layer holds only its parameters and works for any batch size without allocating.
/// </summary>
/// <remarks>
/// Lifecycle: the host constructs the layer (with its bound options, if it declares an options type),
/// calls <see cref="Build"/> once with the input size, then <see cref="Forward"/> and
/// <see cref="Backward"/> once per step.
/// Implement <c>ILayer&lt;T&gt;</c> on a generic class (<c>SwishLayer&lt;T&gt; : ILayer&lt;T&gt;</c>) to run in both
/// precisions; a class that implements only <c>ILayer&lt;double&gt;</c> runs with <c>precision: float64</c> only.
/// </remarks>
/// <typeparam name="T">The element type: double (float64) or float (float32).</typeparam>
public interface ILayer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates and initialises the parameters for <see cref="LayerBuildContext{T}.InputSize"/> inputs; returns the output size.</summary>
    int Build(LayerBuildContext<T> context);

    /// <summary>The trainable parameters, in a fixed order (empty for an activation).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Computes <paramref name="output"/> (outputSize × m) from <paramref name="input"/> (inputSize × m).</summary>
    void Forward(Matrix<T> input, Matrix<T> output);

    /// <summary>
    /// Takes the upstream gradient dCost/dOutput, writes each parameter's gradient, and, when
    /// <paramref name="inputGradient"/> is not null, writes dCost/dInput for the layer below.
    /// <paramref name="input"/> and <paramref name="output"/> are the values of the last forward pass.
    /// </summary>
    void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient);
}
