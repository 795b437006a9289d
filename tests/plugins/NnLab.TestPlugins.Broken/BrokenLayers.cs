namespace NnLab.TestPlugins.Broken;

[Register("throwing_constructor")]
public sealed class ThrowingConstructorLayer : ILayer<double>
{
    public ThrowingConstructorLayer() => throw new InvalidOperationException("constructor exploded");
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) { }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

[Register("throwing_forward")]
public sealed class ThrowingForwardLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => throw new InvalidOperationException("forward exploded");
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>Claims one more output than it fills: the shape error must surface naming the layer.</summary>
[Register("wrong_shape")]
public sealed class WrongShapeLayer : ILayer<double>
{
    private int _inputs;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => (_inputs = context.InputSize) + 1;
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        for (int r = 0; r <= _inputs; r++) input.Row(r).CopyTo(output.Row(r));
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>A sigmoid whose backward drops a factor of two: gradcheck must fail it.</summary>
[Register("wrong_gradient")]
public sealed class WrongGradientLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = 1 / (1 + Math.Exp(-input.Data[i]));
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++)
            inputGradient.Data[i] = 0.5 * outputGradient.Data[i] * output.Data[i] * (1 - output.Data[i]);
    }
}

/// <summary>A working layer that calls into the plugin's own dependency assembly.</summary>
[Register("uses_dependency")]
public sealed class UsesDependencyLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = Helper.Doubler.Twice(input.Data[i]);
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>An identity layer whose forward pass ends the whole process with exit code 3, as a misbehaving plugin might.</summary>
[Register("exiting_forward")]
public sealed class ExitingForwardLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => Environment.Exit(3);
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}
