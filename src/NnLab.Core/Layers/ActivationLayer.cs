using System.Numerics;

namespace NnLab.Layers;

/// <summary>A layer without parameters whose output has the shape of its input.</summary>
public abstract class ActivationLayer<T> : ILayer<T> where T : IFloatingPointIeee754<T>
{
    public IReadOnlyList<Parameter<T>> Parameters => [];

    public int Build(LayerBuildContext<T> context) => context.InputSize;

    public abstract void Forward(Matrix<T> input, Matrix<T> output);

    public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is not null) ComputeInputGradient(input, output, outputGradient, inputGradient);
    }

    /// <summary>Writes dCost/dInput = upstream ⊙ local gradient.</summary>
    protected abstract void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient);
}
