using NnLab.Experiments.Sweeps;
using NnLab.Registry;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>Sweeps for the runner tests: short XOR trainings, loaded from YAML with the built-ins plus a layer that throws.</summary>
internal static class TestSweeps
{
    public static readonly ComponentRegistry Registry = CreateRegistry();

    /// <summary>XOR, 200 epochs recorded every 50, over <paramref name="axes"/> (YAML lines under "axes:", indented 4).</summary>
    public static Sweep Xor(string axes, string settings = "", int epochs = 200, int heldExperiments = SweepLoader.DefaultHeldExperiments,
        int logEvery = 50) =>
        Load(axes, settings, epochs, SigmoidModel, heldExperiments, logEvery);

    /// <summary>The tutorial's 2-3-1 sigmoid network.</summary>
    private const string SigmoidModel = """
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        """;

    /// <summary>XOR data with <paramref name="model"/> (YAML list items, indented 2) and <paramref name="axes"/>.</summary>
    public static Sweep Load(string axes, string settings, int epochs, string model, int heldExperiments = SweepLoader.DefaultHeldExperiments,
        int logEvery = 50)
    {
        string yaml = $$"""
            name: xor-sweep
            seed: 48
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model:
            {{model}}
            optimizer: {name: gradient_descent, learning_rate: 1}
            training: {epochs: {{epochs}}, log_every: {{logEvery}}}
            sweep:
            {{settings}}
              axes:
            {{axes}}
            """;
        var result = new SweepLoader(Registry) { HeldExperiments = heldExperiments }.LoadText(yaml, "xor-sweep.yaml", "");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Sweep;
    }

    /// <summary>Five learning rates, all of which train XOR's sigmoid network to some degree.</summary>
    public static Sweep LearningRates(string settings = "") =>
        Xor("    optimizer.learning_rate: [0.1, 0.5, 1, 2, 5]", settings);

    private static ComponentRegistry CreateRegistry()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.RegisterAssembly(typeof(ExplodingLayer).Assembly, "tests");
        return registry;
    }
}

/// <summary>A layer whose forward pass throws: a trial using it must fail alone.</summary>
[Register("exploding")]
public sealed class ExplodingLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => throw new InvalidOperationException("forward exploded");
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}
