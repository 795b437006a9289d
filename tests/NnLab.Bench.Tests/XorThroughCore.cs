using System.Numerics;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Bench.Tests;

/// <summary>
/// The tutorial's XOR trained straight through Core, written here independently of the driver's Workload, so that the
/// driver's reported cost can be checked against it.
/// </summary>
internal static class XorThroughCore
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>2-3-1 sigmoid, xavier from seed 48, half squared error, lr 1, 5000 full-batch epochs: the final cost.</summary>
    public static double FinalCost<T>(IMatrixOperations<T> operations) where T : IFloatingPointIeee754<T>
    {
        ComponentSpec Layer(string name, object? options = null) => new(Registry.Get(ComponentKind.Layer, name), options);
        var network = Network<T>.Build(
            [Layer("linear", new LinearOptions { Units = 3, Init = "xavier" }), Layer("sigmoid"),
             Layer("linear", new LinearOptions { Units = 1, Init = "xavier" }), Layer("sigmoid")],
            2, new NumpyRandomState(48), operations, Registry);
        var trainer = new Trainer<T>(network, new HalfSquaredErrorCost<T>(),
            new GradientDescentOptimizer<T>(new GradientDescentOptions { LearningRate = 1 }));
        var inputs = Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1]).ConvertTo<T>();
        var targets = Matrix.FromRows([0, 1, 1, 0]).ConvertTo<T>();
        return trainer.Train(inputs, targets, new TrainingSettings(5000, int.MaxValue), new IgnoreCosts()).FinalCost;
    }

    private sealed class IgnoreCosts : ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost) { }
    }
}
