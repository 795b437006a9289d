using NnLab.Costs;
using NnLab.Initializers;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Tests;

/// <summary>Builds tutorial networks straight from registry specs, without YAML.</summary>
internal static class TestModels
{
    public static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>The tutorial's XOR data, examples as columns.</summary>
    public static Matrix<double> XorInputs => Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1]);
    public static Matrix<double> XorTargets => Matrix.FromRows([0, 1, 1, 0]);
    public static Matrix<double> OrTargets => Matrix.FromRows([0, 1, 1, 1]);

    public static ComponentSpec Spec(ComponentKind kind, string name, object? options = null) =>
        new(Registry.Get(kind, name), options);

    public static ComponentSpec Linear(int units, ComponentRef init, bool bias = true) =>
        Spec(ComponentKind.Layer, "linear", new LinearOptions { Units = units, Init = init, Bias = bias });

    public static ComponentSpec Sigmoid => Spec(ComponentKind.Layer, "sigmoid");

    public static ComponentRef Values(params double[][] rows) => new("values", new ValuesOptions { Values = rows });

    public static Network<double> Build(int inputSize, uint seed, params ComponentSpec[] layers) =>
        Network<double>.Build(layers, inputSize, new NumpyRandomState(seed), ReferenceMatrixOperations<double>.Instance, Registry);

    public static GradientDescentOptimizer<double> GradientDescent(double rate) => new(new GradientDescentOptions { LearningRate = rate });

    /// <summary>One tutorial step: forward, cost (before the update), backward, update. Returns the cost.</summary>
    public static double Step(Network<double> network, ICost<double> cost, IOptimizer<double> optimizer, Matrix<double> x, Matrix<double> y)
    {
        var output = network.Forward(x);
        double c = cost.Evaluate(output, y, network.OutputGradient(x.Cols));
        network.Backward(x.Cols);
        optimizer.Step(0);
        return c;
    }

    public static HalfSquaredErrorCost<double> HalfSquaredError => new();
}

/// <summary>Collects every recorded cost.</summary>
internal sealed class CostRecorder : ITrainingObserver
{
    public List<(int Epoch, double Cost)> Rows { get; } = new();
    public void OnCostRecorded(int epoch, double cost) => Rows.Add((epoch, cost));
}
