using System.Numerics;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Bench;

/// <summary>One benchmark: data, a fully connected model, cost, learning rate, epochs and batching.</summary>
/// <typeparam name="T">The element type the network trains in: double (float64) or float (float32).</typeparam>
internal sealed record Workload<T>(
    string Name,
    Matrix<T> Inputs,
    Matrix<T> Targets,
    int[] Units,
    string Activation,
    string Init,
    string Cost,
    double LearningRate,
    int Epochs,
    int BatchSize,
    uint Seed)
    where T : IFloatingPointIeee754<T>
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

    /// <summary>
    /// A fresh network (weights drawn in float64 from the numpy stream, rounded once to float32 in a float32 run) and
    /// its trainer.
    /// </summary>
    public Trainer<T> CreateTrainer(IMatrixOperations<T> operations, string optimizer = "sgd")
    {
        var specs = new List<ComponentSpec>();
        for (int i = 0; i < Units.Length; i++)
        {
            specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, "linear"), new LinearOptions { Units = Units[i], Init = Init }));
            bool last = i == Units.Length - 1;
            if (!last) specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, Activation), null));
            else if (Cost == "half_squared_error") specs.Add(new ComponentSpec(Registry.Get(ComponentKind.Layer, "sigmoid"), null));
        }
        var network = Network<T>.Build(specs, Inputs.Rows, new NumpyRandomState(Seed), operations, Registry);
        ICost<T> cost = Cost == "half_squared_error" ? new HalfSquaredErrorCost<T>() : new SoftmaxCrossEntropyCost<T>();
        return new Trainer<T>(network, cost, Optimizer(optimizer));
    }

    /// <summary>
    /// The workload's plain gradient descent (what the NumPy and PyTorch scripts run), or momentum or Adam (NnLab only:
    /// Adam at its usual 0.001, since the workloads' rates are gradient descent's).
    /// </summary>
    private IOptimizer<T> Optimizer(string name) => name switch
    {
        "momentum" => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = LearningRate }),
        "adam" => new AdamOptimizer<T>(new AdamOptions { LearningRate = 0.001 }),
        _ => new GradientDescentOptimizer<T>(new GradientDescentOptions { LearningRate = LearningRate }),
    };

    /// <summary>Untimed epochs first (1 for the 3-epoch wide workloads, else 3; XOR runs all 5000 once more).</summary>
    public int WarmupEpochs => Math.Clamp(Epochs / 3, 1, 3);

    public TrainingSettings Settings(int epochs) =>
        new(epochs, int.MaxValue, BatchSize, Shuffle: BatchSize > 0, ShuffleSeed: TrainingSettings.ShuffleSeedFor(Seed));
}
