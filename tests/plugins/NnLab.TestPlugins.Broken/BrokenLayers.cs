namespace NnLab.TestPlugins.Broken;

[Register("throwing_constructor")]
public sealed class ThrowingConstructorLayer : ILayer
{
    public ThrowingConstructorLayer() => throw new InvalidOperationException("constructor exploded");
    public IReadOnlyList<Parameter> Parameters => [];
    public int Build(LayerBuildContext context) => context.InputSize;
    public void Forward(Matrix input, Matrix output) { }
    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient) { }
}

[Register("throwing_forward")]
public sealed class ThrowingForwardLayer : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];
    public int Build(LayerBuildContext context) => context.InputSize;
    public void Forward(Matrix input, Matrix output) => throw new InvalidOperationException("forward exploded");
    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient) { }
}

/// <summary>Claims one more output than it fills: the shape error must surface naming the layer.</summary>
[Register("wrong_shape")]
public sealed class WrongShapeLayer : ILayer
{
    private int _inputs;
    public IReadOnlyList<Parameter> Parameters => [];
    public int Build(LayerBuildContext context) => (_inputs = context.InputSize) + 1;
    public void Forward(Matrix input, Matrix output)
    {
        for (int r = 0; r <= _inputs; r++) input.Row(r).CopyTo(output.Row(r));
    }
    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient) { }
}

/// <summary>A sigmoid whose backward drops a factor of two: gradcheck must fail it.</summary>
[Register("wrong_gradient")]
public sealed class WrongGradientLayer : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];
    public int Build(LayerBuildContext context) => context.InputSize;
    public void Forward(Matrix input, Matrix output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = 1 / (1 + Math.Exp(-input.Data[i]));
    }
    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
            inputGradient.Data[i] = 0.5 * outputGradient.Data[i] * output.Data[i] * (1 - output.Data[i]);
    }
}

/// <summary>A working layer that calls into the plugin's own dependency assembly.</summary>
[Register("uses_dependency")]
public sealed class UsesDependencyLayer : ILayer
{
    public IReadOnlyList<Parameter> Parameters => [];
    public int Build(LayerBuildContext context) => context.InputSize;
    public void Forward(Matrix input, Matrix output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = Helper.Doubler.Twice(input.Data[i]);
    }
    public void Backward(Matrix input, Matrix output, Matrix outputGradient, Matrix? inputGradient) { }
}
