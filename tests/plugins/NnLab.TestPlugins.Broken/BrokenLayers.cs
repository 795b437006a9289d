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

/// <summary>An identity layer whose forward pass ends the whole process with exit code 3 at once, as a misbehaving plugin might.</summary>
[Register("crashing_forward")]
public sealed class CrashingForwardLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => Environment.Exit(3);
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>Ends the process with exit code 0 on its third forward pass: the run must still be recorded as failed.</summary>
[Register("exiting_forward")]
public sealed class ExitingForwardLayer : ILayer<double>
{
    private int _calls;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        if (++_calls == 3) Environment.Exit(0);
        input.Data.CopyTo(output.Data, 0);
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        if (inputGradient is not null) outputGradient.Data.CopyTo(inputGradient.Data, 0);
    }
}

public sealed class ScaleOptions
{
    public double Scale { get; set; } = 1;
}

/// <summary>A working layer whose constructor takes its options and an ILogger&lt;T&gt;, both supplied by the host.</summary>
[Register("logging_scale")]
public sealed class LoggingScaleLayer(ScaleOptions options, Microsoft.Extensions.Logging.ILogger<LoggingScaleLayer> logger) : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context)
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "scaling by {Scale}", options.Scale);
        return context.InputSize;
    }
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        for (int i = 0; i < input.Length; i++) output.Data[i] = options.Scale * input.Data[i];
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        if (inputGradient is null) return;
        for (int i = 0; i < input.Length; i++) inputGradient.Data[i] = options.Scale * outputGradient.Data[i];
    }
}

/// <summary>A cost that throws on its third evaluation: the run's reason must name it, its plugin and the exception type.</summary>
[Register("throwing_cost")]
public sealed class ThrowingCost : ICost<double>
{
    private int _calls;
    public double Evaluate(Matrix<double> predictions, Matrix<double> targets, Matrix<double>? gradient) =>
        ++_calls >= 3 ? throw new ArithmeticException("cost exploded") : 0.5;
}

public sealed class ExitWhenMarkedOptions
{
    /// <summary>The forward pass that ends the process (0: never).</summary>
    public int Pass { get; set; }

    /// <summary>It ends the process only while this file exists (a test deletes it to let a resume through).</summary>
    public string Marker { get; set; } = "";

    /// <summary>Its first forward pass waits while the marker exists: the trial is surely running when another ends the process.</summary>
    public bool Wait { get; set; }
}

/// <summary>
/// An identity layer that ends the process with exit code 0 on its <c>pass</c>-th forward pass while its marker file
/// exists: a trial of a sweep (in-process) that kills the whole sweep, and, once the marker is gone, a trial that
/// completes. With <c>wait</c> it holds its first forward pass while the marker exists (and never ends the process).
/// </summary>
[Register("exit_when_marked")]
public sealed class ExitWhenMarkedLayer(ExitWhenMarkedOptions options) : ILayer<double>
{
    private int _calls;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output)
    {
        if (++_calls == options.Pass && File.Exists(options.Marker)) Environment.Exit(0);
        if (options.Wait && _calls == 1)
            while (File.Exists(options.Marker)) Thread.Sleep(10);
        input.Data.CopyTo(output.Data, 0);
    }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        if (inputGradient is not null) outputGradient.Data.CopyTo(inputGradient.Data, 0);
    }
}
