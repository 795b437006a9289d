using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Bench;

/// <summary>One benchmark: data, a fully connected model, cost, learning rate, epochs and batching.</summary>
internal sealed record Workload(
    string Name,
    Matrix<double> Inputs,
    Matrix<double> Targets,
    int[] Units,
    string Activation,
    string Init,
    string Cost,
    double LearningRate,
    int Epochs,
    int BatchSize,
    uint Seed)
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>Matrix-product flops of the timed region: every epoch's forward + backward, and the final forward pass.</summary>
    public double GemmFlops
    {
        get
        {
            // Per example: forward 2·Σ n_i·n_(i+1); backward dW the same, dA for every layer but the first.
            double forward = 0, inputGradients = 0;
            int fanIn = Inputs.Rows;
            for (int i = 0; i < Units.Length; i++)
            {
                forward += 2.0 * fanIn * Units[i];
                if (i > 0) inputGradients += 2.0 * fanIn * Units[i];
                fanIn = Units[i];
            }
            double m = Inputs.Cols;
            return m * (Epochs * (2 * forward + inputGradients) + forward);
        }
    }

    public Trainer<double> CreateTrainer(IMatrixOperations<double> operations)
    {
        var specs = new List<ComponentSpec>();
        for (int i = 0; i < Units.Length; i++)
        {
            specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, "linear"), new LinearOptions { Units = Units[i], Init = Init }));
            bool last = i == Units.Length - 1;
            if (!last) specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, Activation), null));
            else if (Cost == "half_squared_error") specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, "sigmoid"), null));
        }
        var network = Network<double>.Build(specs, Inputs.Rows, new NumpyRandomState(Seed), operations, Registry);
        ICost<double> cost = Cost == "half_squared_error" ? new HalfSquaredErrorCost<double>() : new SoftmaxCrossEntropyCost<double>();
        return new Trainer<double>(network, cost, new GradientDescentOptimizer<double>(new GradientDescentOptions { LearningRate = LearningRate }));
    }

    /// <summary>Untimed epochs first (1 for the 3-epoch wide workloads, else 3; XOR runs all 5000 once more).</summary>
    public int WarmupEpochs => Math.Clamp(Epochs / 3, 1, 3);

    public TrainingSettings Settings(int epochs) =>
        new(epochs, int.MaxValue, BatchSize, Shuffle: BatchSize > 0, ShuffleSeed: TrainingSettings.ShuffleSeedFor(Seed));
}
