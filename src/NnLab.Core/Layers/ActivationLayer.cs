namespace NnLab.Layers;

/// <summary>A layer without parameters whose output has the shape of its input.</summary>
public abstract class ActivationLayer : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];

    public int Build(LayerBuildContext context) => context.InputSize;

    public abstract void Forward(Matrix input, Matrix output);

    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient)
    {
        if (inputGradient is not null) ComputeInputGradient(input, output, outputGradient, inputGradient);
    }

    /// <summary>Writes dCost/dInput = upstream ⊙ local gradient.</summary>
    protected abstract void ComputeInputGradient(Matrix input, Matrix output, Matrix outputGradient, Matrix inputGradient);
}
