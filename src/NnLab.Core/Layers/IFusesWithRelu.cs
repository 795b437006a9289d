using System.Numerics;

namespace NnLab.Layers;

/// <summary>
/// A layer that can do the work of a neighbouring <see cref="ReluLayer{T}"/> inside its own products, so the network
/// skips the ReLU's separate passes over the activations: above it in the forward pass (relu = max(output, 0)), and
/// below it in the backward pass (the gradient of the ReLU's input, masked as it would mask it). Values are exactly
/// those of the two layers run one after the other.
/// </summary>
internal interface IFusesWithRelu<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// <see cref="ILayer{T}.Forward"/>, then relu = max(output, 0): this layer followed by a ReLU. <paramref name="output"/>
    /// may be <paramref name="relu"/> itself, when the pre-activation need not be kept.
    /// </summary>
    void ForwardThenRelu(Matrix<T> input, Matrix<T> output, Matrix<T> relu);

    /// <summary>
    /// <see cref="ILayer{T}.Backward"/> with its input gradient passed straight back through the ReLU below, whose
    /// output is this layer's input: reluInputGradient = input &gt; 0 ? dCost/dInput : 0 (a ReLU's output is positive
    /// exactly where its input is).
    /// </summary>
    void BackwardThroughRelu(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> reluInputGradient);
}
