namespace NnLab.TestPlugins.Broken;

/// <summary>
/// Working components that append a line to the file named by <c>NNLAB_TEST_CALLS</c> each time they are constructed,
/// built or asked to initialise: tests count how often a command builds the model.
/// </summary>
internal static class Calls
{
    public static void Record(string what)
    {
        if (Environment.GetEnvironmentVariable("NNLAB_TEST_CALLS") is { Length: > 0 } file)
            File.AppendAllText(file, what + "\n");
    }
}

public sealed class CountedLinearOptions
{
    [System.ComponentModel.DataAnnotations.Required]
    public int Units { get; set; }

    public ComponentRef Init { get; set; } = new("counted_init");
}

/// <summary>Z = W·X without a bias, W drawn by its <c>init</c>.</summary>
[Register("counted_linear")]
public sealed class CountedLinearLayer : ILayer<double>
{
    private readonly CountedLinearOptions _options;
    private Parameter<double>? _w;
    private IMatrixOperations<double>? _operations;

    public CountedLinearLayer(CountedLinearOptions options)
    {
        _options = options;
        Calls.Record("counted_linear constructor");
    }

    public IReadOnlyList<Parameter<double>> Parameters => _w is null ? [] : [_w];

    public int Build(LayerBuildContext<double> context)
    {
        Calls.Record("counted_linear build");
        _operations = context.Operations;
        _w = context.CreateParameter("W", _options.Units, context.InputSize, _options.Init, ParameterRole.Weight);
        return _options.Units;
    }

    public void Forward(Matrix<double> input, Matrix<double> output) => _operations!.Multiply(_w!.Value, input, output);

    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
    {
        _operations!.MultiplyTransposeB(outputGradient, input, _w!.Gradient);
        if (inputGradient is not null) _operations.MultiplyTransposeA(_w.Value, outputGradient, inputGradient);
    }
}

/// <summary>N(0, 1/fan_in), as the built-in xavier draws it.</summary>
[Register("counted_init")]
public sealed class CountedInitializer : IInitializer
{
    public CountedInitializer() => Calls.Record("counted_init constructor");

    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        Calls.Record("counted_init initialize");
        for (int i = 0; i < values.Length; i++) values.Data[i] = context.Random.NextGaussian() / Math.Sqrt(context.FanIn);
    }
}

/// <summary>1/(2m)·Σ(y − ŷ)².</summary>
[Register("counted_cost")]
public sealed class CountedCost : ICost<double>
{
    public CountedCost() => Calls.Record("counted_cost constructor");

    public double Evaluate(Matrix<double> predictions, Matrix<double> targets, Matrix<double>? gradient)
    {
        int m = targets.Cols;
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = targets.Data[i] - predictions.Data[i];
            sum += d * d;
            if (gradient is not null) gradient.Data[i] = -d / m;
        }
        return sum / (2 * m);
    }
}
