namespace NnLab;

/// <summary>
/// A node of the computational graph. The network owns the activation and gradient buffers and passes
/// them in, so a layer holds only its parameters and works for any batch size without allocating.
/// </summary>
/// <remarks>
/// Lifecycle: the host constructs the layer (with its bound options, if it declares an options type),
/// calls <see cref="Build"/> once with the input size, then <see cref="Forward"/> and
/// <see cref="Backward"/> once per step.
/// </remarks>
public interface ILayer
{
    /// <summary>Creates and initialises the parameters for <see cref="LayerBuildContext.InputSize"/> inputs; returns the output size.</summary>
    int Build(LayerBuildContext context);

    /// <summary>The trainable parameters, in a fixed order (empty for an activation).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Computes <paramref name="output"/> (outputSize × m) from <paramref name="input"/> (inputSize × m).</summary>
    void Forward(Matrix input, Matrix output);

    /// <summary>
    /// Takes the upstream gradient dCost/dOutput, writes each parameter's gradient, and, when
    /// <paramref name="inputGradient"/> is not null, writes dCost/dInput for the layer below.
    /// <paramref name="input"/> and <paramref name="output"/> are the values of the last forward pass.
    /// </summary>
    void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient);
}
