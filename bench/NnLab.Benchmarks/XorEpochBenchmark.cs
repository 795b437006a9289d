using BenchmarkDotNet.Attributes;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Benchmarks;

/// <summary>One epoch of the tutorial's XOR (2-3-1 sigmoid, 4 examples): forward, cost, backward, update.</summary>
[MemoryDiagnoser]
public class XorEpochBenchmark
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();
    private readonly Matrix<double> _x = Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1]);
    private readonly Matrix<double> _y = Matrix.FromRows([0, 1, 1, 0]);
    private readonly HalfSquaredErrorCost<double> _cost = new();
    private Network<double> _network = null!;
    private GradientDescentOptimizer<double> _optimizer = null!;
    private int _step;

    [Params("reference", "fast")]
    public string Kernels { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        ComponentSpec Layer(string name, object? options = null) => new(Registry.Get(ComponentKind.Layer, name), options);
        var specs = new[]
        {
            Layer("linear", new LinearOptions { Units = 3, Init = "xavier" }), Layer("sigmoid"),
            Layer("linear", new LinearOptions { Units = 1, Init = "xavier" }), Layer("sigmoid"),
        };
        MatrixOperations.TryParse(Kernels, out var kernels);
        _network = Network<double>.Build(specs, 2, new NumpyRandomState(48), MatrixOperations.Create<double>(kernels), Registry);
        _optimizer = new GradientDescentOptimizer<double>(new GradientDescentOptions { LearningRate = 1 });
        _optimizer.Initialize(_network.Parameters);
    }

    [Benchmark]
    public double Epoch()
    {
        double cost = _cost.Evaluate(_network.Forward(_x), _y, _network.OutputGradient(4));
        _network.Backward(4);
        _optimizer.Step(_step++);
        return cost;
    }
}
