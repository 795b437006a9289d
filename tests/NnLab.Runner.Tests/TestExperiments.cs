using NnLab.Experiments;
using NnLab.Layers;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Runner.Tests;

/// <summary>Experiments built in code, so the runner is tested without depending on the YAML loader.</summary>
internal static class TestExperiments
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>The tutorial's XOR network: 2-3-1, sigmoid, xavier, half squared error, gradient descent lr 1, seed 48.</summary>
    public static Experiment Xor(int epochs = 5000, int logEvery = 100, IReadOnlyList<ConfigOverride>? overrides = null,
        string firstInit = "xavier") =>
        Create(
            [Linear(3, firstInit), Layer("sigmoid"), Linear(1, "xavier"), Layer("sigmoid")],
            learningRate: 1, epochs, logEvery, overrides);

    /// <summary>
    /// A single linear layer with a huge learning rate: the cost overflows within a few dozen epochs. The growth bound
    /// is off by default here, so the run ends on a non-finite cost; <paramref name="divergenceFactor"/> turns it on.
    /// </summary>
    public static Experiment Diverging(double divergenceFactor = 0) =>
        Create([Linear(1, "xavier")], learningRate: 1e6, epochs: 1000, logEvery: 100, null, divergenceFactor);

    private static Experiment Create(IReadOnlyList<ComponentSpec> model, double learningRate, int epochs, int logEvery,
        IReadOnlyList<ConfigOverride>? overrides, double divergenceFactor = TrainingSettings.DefaultDivergenceFactor) => new()
    {
        Name = "xor",
        Seed = 48,
        SourceFile = "xor.yaml",
        SourceText = "name: xor  # as written\n",
        ResolvedYaml = "name: xor\nseed: 48\n",
        Data = new ExperimentData(
            Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1]),
            Matrix.FromRows([0, 1, 1, 0]),
            ["x1", "x2"], ["y"]),
        Model = model,
        Cost = new ComponentSpec(Registry.Get(ComponentKind.Cost, "half_squared_error"), null),
        Optimizer = new ComponentSpec(Registry.Get(ComponentKind.Optimizer, "gradient_descent"),
            new GradientDescentOptions { LearningRate = learningRate }),
        Training = new TrainingSettings(epochs, logEvery) { DivergenceFactor = divergenceFactor },
        PredictionThreshold = 0.5,
        Overrides = overrides ?? [],
        Registry = Registry,
    };

    private static ComponentSpec Linear(int units, string init) =>
        new(Registry.Get(ComponentKind.Layer, "linear"), new LinearOptions { Units = units, Init = init });

    private static ComponentSpec Layer(string name) => new(Registry.Get(ComponentKind.Layer, name), null);
}
